"""journeykit: a Jupyter course and toolkit on the customer journey."""

__version__ = "0.1.0"
