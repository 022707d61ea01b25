#!/bin/sh
# Installs the build tree into a scratch prefix, then builds and runs two
# out-of-tree consumers against the installed copy only: a C program with
# pkg-config, a C++ program (plus a C one) with find_package(appt), and,
# when $APPT_PYTHON is set, the installed Python package.
# Usage: consumers_test.sh <build dir> <source dir of tests/install> <scratch>
set -eu
build=$1
src=$2
scratch=$3
prefix=$scratch/prefix
rm -rf "$scratch"
mkdir -p "$scratch"
cmake --install "$build" --prefix "$prefix" > "$scratch/install.log"

pcdir=$(dirname "$(find "$prefix" -name appt.pc | head -n 1)")
libdir=$(dirname "$pcdir")
export PKG_CONFIG_PATH="$pcdir"
cc -std=c11 -Wall -Wextra -Werror -o "$scratch/c_consumer" \
  "$src/c_consumer/main.c" $(pkg-config --cflags --libs appt)
LD_LIBRARY_PATH="$libdir" "$scratch/c_consumer"

cmake -S "$src/cpp_consumer" -B "$scratch/cpp_build" -G Ninja \
  -DCMAKE_PREFIX_PATH="$prefix" > "$scratch/configure.log"
cmake --build "$scratch/cpp_build" > "$scratch/build.log"
"$scratch/cpp_build/cpp_consumer"
LD_LIBRARY_PATH="$libdir" "$scratch/cpp_build/c_via_cmake"
# The Python package, where the chosen interpreter imports it.
if [ -n "${APPT_PYTHON:-}" ]; then
  pkg=$(find "$prefix" -name __init__.py -path '*/appt/__init__.py' | head -n 1)
  [ -n "$pkg" ] || { echo "no appt package installed" >&2; exit 1; }
  PYTHONPATH=$(dirname "$(dirname "$pkg")") "$APPT_PYTHON" -c \
    "import appt; e = appt.Engine.open_memory(); print('python consumer: appt', appt.__version__, len(e.list_resources()), 'resources')"
fi
echo "consumers built and ran against $prefix"
