# `sam build` calls `make build-<LogicalId>` for every function (Metadata: BuildMethod: makefile, CodeUri: .).
# By convention the logical id FooBarFunction is built from the Maven module functions/foo-bar.
.PHONY: build-%
build-%:
	./infra/build/package-function.sh "$*" "$(ARTIFACTS_DIR)"
