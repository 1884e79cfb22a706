"""Run every benchmark and print its figures."""
from __future__ import annotations

import importlib

MODULES = ("benchmarks.detect", "benchmarks.emoji", "benchmarks.gateway", "benchmarks.login",
           "benchmarks.home", "benchmarks.search", "benchmarks.checker", "benchmarks.mail_in",
           "benchmarks.albums", "benchmarks.culture", "benchmarks.load")


def main() -> None:
    """Run the benchmarks one after the other."""
    for name in MODULES:
        print(f"== {name}")
        importlib.import_module(name).main()
        print()


if __name__ == "__main__":
    main()
