# Quick start: `make run` builds the sample corpus graph; `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    := out

.PHONY: run test install chromium clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/kg build data/corpus -o $(OUT)/graph.ttl -o $(OUT)/graph.trig
	$(BIN)/kg viz $(OUT)/graph.ttl -o $(OUT)/graph.html
	@echo; echo "== Donors by province (saved query donors-by-province) =="
	@$(BIN)/kg query $(OUT)/graph.ttl --name donors-by-province | head -25
	@echo; echo "== Projects of ADB, with amounts (saved query projects-of-donor) =="
	@$(BIN)/kg query $(OUT)/graph.ttl --name projects-of-donor --param donor=ADB
	@echo; echo "Open $(OUT)/graph.html in a browser for the network."

# Headless Chromium for the browser tests (Debian package), installed when missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { echo "installing chromium (apt-get)"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
	    echo "chromium could not be installed: browser tests will be skipped"; }

test: $(STAMP) chromium
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) $(OUT) build *.egg-info
