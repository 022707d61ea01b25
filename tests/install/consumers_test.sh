#!/bin/sh
# Installs the build tree into a scratch prefix, then builds and runs two
# out-of-tree consumers against the installed copy only: a C program with
# pkg-config, and a C++ program (plus a C one) with find_package(appt).
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
echo "consumers built and ran against $prefix"
