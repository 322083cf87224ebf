"""Keyed random numbers: the same (seed, purpose, user, ...) always gives the same draw.

The generator never takes "the next number" from a shared stream. Each draw is a hash of the
seed, a *purpose* (what the number decides: ``"advance"``, ``"touch_count"`` ...) and integer
keys (the user's key, the transition, the channel, the touch number). Removing a channel, a user
or a whole branch of the journey therefore leaves every other draw unchanged: this is how the
counterfactual worlds share their random numbers (common random numbers).

The hash is SplitMix64's finaliser (Steele, Lea & Flood 2014), applied once per key; it is
vectorised over numpy ``uint64`` arrays, so one call draws millions of numbers.

>>> keys = Keyed(seed=42)
>>> u = keys.uniform("advance", np.arange(5, dtype=np.uint64), 3)
>>> bool(((u >= 0) & (u < 1)).all()), bool(np.array_equal(u, keys.uniform("advance", np.arange(5, dtype=np.uint64), 3)))
(True, True)
>>> bool(u[2] == keys.uniform("advance", np.array([2], dtype=np.uint64), 3)[0])
True
"""

from __future__ import annotations

import zlib

import numpy as np

__all__ = ["Keyed", "mix64"]

_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_S30, _S27, _S31, _S11 = np.uint64(30), np.uint64(27), np.uint64(31), np.uint64(11)
_TO_UNIT = 2.0**-53


def mix64(x: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser of a ``uint64`` array (wrapping arithmetic; returns a new array)."""
    x = np.asarray(x, dtype=np.uint64)
    with np.errstate(over="ignore"):
        x = (x ^ (x >> _S30)) * _M1
        x = (x ^ (x >> _S27)) * _M2
    return x ^ (x >> _S31)


class Keyed:
    """Random draws keyed by seed, purpose and integer keys (see module docstring)."""

    def __init__(self, seed: int) -> None:
        root = np.random.SeedSequence(int(seed)).generate_state(1, dtype=np.uint64)[0]
        self._root = np.uint64(root)

    def _purpose(self, purpose: str) -> np.uint64:
        code = np.array([zlib.crc32(purpose.encode())], dtype=np.uint64)
        with np.errstate(over="ignore"):
            return mix64(self._root ^ (code * _GOLDEN))[0]

    def bits(self, purpose: str, *keys: np.ndarray | int) -> np.ndarray:
        """64 random bits per element, a function of (seed, purpose, keys) only."""
        h: np.ndarray | None = None
        shape = np.broadcast_shapes(*(np.shape(k) for k in keys)) if keys else ()
        h = np.full(shape, self._purpose(purpose), dtype=np.uint64)
        with np.errstate(over="ignore"):
            for k in keys:
                kk = np.asarray(k).astype(np.uint64, copy=False)
                h = mix64(h ^ ((kk + np.uint64(1)) * _GOLDEN))
        return h

    def uniform(self, purpose: str, *keys: np.ndarray | int) -> np.ndarray:
        """Uniform numbers in [0, 1) (53-bit), one per element of the broadcast keys."""
        return (self.bits(purpose, *keys) >> _S11).astype(np.float64) * _TO_UNIT

    def exponential(
        self, purpose: str, mean: np.ndarray | float, *keys: np.ndarray | int
    ) -> np.ndarray:
        """Exponential draws with the given ``mean`` (inverse CDF of :meth:`uniform`)."""
        return -np.log1p(-self.uniform(purpose, *keys)) * mean


def child_key(parent: np.ndarray, slot: np.ndarray) -> np.ndarray:
    """A new user key from the inviter's key and the invite number (top bit set: never a base index)."""
    with np.errstate(over="ignore"):
        h = mix64(
            mix64(parent.astype(np.uint64) ^ np.uint64(0x5851F42D4C957F2D))
            + slot.astype(np.uint64) * _GOLDEN
        )
    return h | np.uint64(1 << 63)


__all__ += ["child_key"]
