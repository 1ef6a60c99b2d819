"""Build settings that pyproject.toml cannot hold: the optional C accelerator.

``optional=True``: where no C compiler (or no Python headers) is found the build skips the
extension with a warning and installs pure Python, which gives the same results.
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension("linter._anchors", ["linter/_anchors.c"], optional=True)])
