# journeykit: two commands on a fresh machine with Python 3.11.
#   make course   set up .venv, run every lesson headless, render HTML to build/course/
#   make test     set up .venv, run the linter and every test (unit, doctest, notebooks, browser)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.journeykit-installed

.PHONY: course test test-fast test-oldest lab lint exercises notebooks sources datasets bench clean-venv

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,compare]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	@touch $(STAMP)

# make course                 lessons and exercises; make course SOLUTIONS=1 adds the solutions
COURSE_OPTS ?= $(if $(SOLUTIONS),--solutions)
course: $(STAMP)
	$(BIN)/journeykit course run --out build/course $(COURSE_OPTS)

# make lab: JupyterLab on the repository root (lessons in notebooks/, exercises in exercises/).
# As root (containers, workshop servers) it adds --allow-root. More options through LAB_OPTS:
#   make lab LAB_OPTS="--no-browser --ip=0.0.0.0 --port=8888"
LAB_OPTS ?=
LAB_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)
lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" $(LAB_ROOT) $(LAB_OPTS)

lint: $(STAMP)
	$(BIN)/ruff check journeykit tests benchmarks tools notebooks exercises
	$(BIN)/ruff format --check journeykit tests benchmarks tools notebooks exercises
	$(BIN)/python tools/check_layers.py

test: $(STAMP) lint
	$(BIN)/python -m pytest

# The quick tier while you work (about 2 minutes): the package's tests and doctests with 10
# hypothesis examples per property, no notebook runs, no browser, no external comparisons.
test-fast: $(STAMP)
	HYPOTHESIS_PROFILE=fast $(BIN)/python -m pytest -q -m "not notebooks and not browser and not compare and not hub"

# The package's tests (not the notebooks or the browser) on the oldest supported versions of
# numpy, pandas, matplotlib, ipywidgets, scipy and pyarrow (.ci/oldest-constraints.txt).
OLDEST := .venv-oldest
test-oldest:
	@test -x $(OLDEST)/bin/python || $(PYTHON) -m venv $(OLDEST)
	$(OLDEST)/bin/python -m pip install --quiet --upgrade pip
	$(OLDEST)/bin/python -m pip install --quiet -c .ci/oldest-constraints.txt -e ".[test]"
	$(OLDEST)/bin/python -m pytest -q --ignore=tests/test_notebooks.py --ignore=tests/browser \
		--ignore=tests/test_channelattribution_compare.py --ignore=tests/hub

# Regenerate files derived from sources (see CONTRIBUTING.md); CI checks they are up to date.
exercises: $(STAMP)
	$(BIN)/python tools/make_exercises.py

# Lessons and solutions are edited as .py percent scripts; the .ipynb are built from them.
notebooks: $(STAMP)
	$(BIN)/python tools/notebook_sources.py build
	$(BIN)/python tools/normalize_notebooks.py
	$(BIN)/python tools/make_exercises.py

# After `tools/normalize_notebooks.py --refresh` stored new outputs: write them into the sources.
sources: $(STAMP)
	$(BIN)/python tools/notebook_sources.py export

datasets: $(STAMP)
	$(BIN)/journeykit synth --preset coffee --out datasets/coffee --force
	$(BIN)/journeykit synth --preset saas --out datasets/saas --force

bench: $(STAMP)
	for f in benchmarks/*.py; do $(BIN)/python $$f || exit 1; done

clean-venv:
	rm -rf $(VENV)
