# The two commands of the README. Both install whatever build tools are missing first.
.PHONY: run test

## Build and start Kiezwerk on http://127.0.0.1:3000 with the Berlin/Potsdam demo.
run:
	@.ci/serve.sh

## Run every test: lints, unit, API (SQLite and PostgreSQL), end-to-end in Chromium, page weight.
test:
	@.ci/test.sh
