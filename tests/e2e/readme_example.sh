#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The install works as the README says: `cmake --install` into a temporary
# prefix, then, from another folder, the installed procscope runs a demo
# headless, its man page renders, and the README's "Watching your own program"
# example builds with pkg-config in C and C++ (shared and static) and shows its
# events under the installed procscope. The library exports only ps_* names.
. "$(dirname "$0")/lib.sh"

fail() { echo "FAIL (readme_example): $*" >&2; exit 1; }

prefix="$E2E_TMP/prefix"
cmake --install "$E2E_BUILD" --prefix "$prefix" >/dev/null || fail "cmake --install failed"
# Move the tree: nothing may depend on where it was installed.
mv "$prefix" "$E2E_TMP/moved" && prefix="$E2E_TMP/moved"
ps="$prefix/bin/procscope"
cd "$E2E_TMP" || exit 1

[ "$(env -u PROCSCOPE_DEMO_DIR "$ps" run myfunc 2 --headless --time-scale 0 | tail -1)" != "" ] ||
    fail "the installed procscope did not run a demo"
"$ps" --version | grep -qx "procscope [0-9]*\.[0-9]*\.[0-9]*" || fail "--version: $("$ps" --version)"
for f in share/man/man1/procscope.1 share/bash-completion/completions/procscope \
         share/zsh/vendor-completions/_procscope include/procscope/procscope.h \
         lib/libprocscope.a lib/cmake/procscope/procscopeConfig.cmake \
         libexec/procscope/procscope-bench-producer libexec/procscope/pyhook/sitecustomize.py \
         libexec/procscope/demos/python/myFunc.py; do
    [ -f "$prefix/$f" ] || fail "not installed: $f"
done
# Python programs: the hook and the Python demos come from libexec/procscope, not the build.
if command -v python3 >/dev/null; then
    py=$(env -u PROCSCOPE_DEMO_DIR "$ps" run myfunc 2 --lang python --headless --time-scale 0)
    [ -n "$py" ] || fail "the installed procscope did not run a Python demo"
fi
MANWIDTH=80 man -l "$prefix/share/man/man1/procscope.1" 2>/dev/null | grep -q 'EXIT STATUS' ||
    fail "the man page does not render"
readelf -d "$prefix/lib/libprocscope.so" | grep -q 'SONAME.*libprocscope\.so\.[0-9]' ||
    fail "libprocscope.so has no SONAME"
bad=$(nm -D --defined-only "$prefix/lib/libprocscope.so" | awk 'NF == 3 { print $3 }' |
      grep -Ev '^(ps_|PROCSCOPE_)' || true)
[ -z "$bad" ] || fail "libprocscope.so exports non-ps_ names: $bad"

# The README's example, compiled as the README says.
awk '/^```c$/ { code = 1; next } /^```$/ { code = 0 } code' "$PS_SOURCE_DIR/README.md" |
    sed -n '/workers.c/,$p' > workers.c
[ -s workers.c ] || fail "no workers.c example in README.md"
cp workers.c workers.cpp
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
extra=()
# A sanitized build's library needs the sanitizer runtimes in the program too.
if nm "$prefix/lib/libprocscope.a" 2>/dev/null | grep -q '__asan_'; then
    extra=(-fsanitize=address,undefined)
fi
rpath="-Wl,-rpath,$(pkg-config --variable=libdir procscope)"
cc -Wall -Wextra -Werror "${extra[@]}" workers.c $(pkg-config --cflags --libs procscope) \
    "$rpath" -o workers-c || fail "the README example does not build as C"
c++ -Wall -Wextra -Werror "${extra[@]}" workers.cpp $(pkg-config --cflags --libs procscope) \
    "$rpath" -o workers-cxx || fail "the README example does not build as C++"
cc "${extra[@]}" workers.c $(pkg-config --cflags procscope) "$prefix/lib/libprocscope.a" \
    $(pkg-config --libs-only-other --static procscope) -lbsd -o workers-static ||
    fail "the README example does not link statically"

# A typed emitter is inline: its USDT note lands in the user's own program, C and C++;
# alone it returns -ENODEV, under procscope its event arrives.
printf '%s\n' '#include <errno.h>' '#include <procscope.h>' \
    'int main(void) { return ps_emit_mark("typed", PS_EMIT_STR) == -ENODEV ? 3 : 0; }' > mark.c
cp mark.c mark.cpp
cc -Wall -Wextra -Werror "${extra[@]}" mark.c $(pkg-config --cflags --libs procscope) "$rpath" \
    -o mark-c || fail "an inline emitter does not build as C"
c++ -Wall -Wextra -Werror "${extra[@]}" mark.cpp $(pkg-config --cflags --libs procscope) \
    "$rpath" -o mark-cxx || fail "an inline emitter does not build as C++"
for prog in mark-c mark-cxx; do
    "./$prog"; [ $? = 3 ] || fail "$prog alone: not -ENODEV"
    "$ps" run --events=jsonl -- "./$prog" | grep -q '"type":"mark".*"typed"' ||
        fail "$prog: no mark event under procscope"
    if readelf -n "$prefix/lib/libprocscope.so" | grep -q 'Provider: procscope'; then
        readelf -n "$prog" | grep -q 'Provider: procscope' || fail "$prog: no USDT note"
    fi
done

# A plain fork()/waitpid() program that calls nothing of ours, linked as the README says.
cc -Wall -Wextra -Werror "${extra[@]}" "$PS_SOURCE_DIR/tests/programs/plain_fork.c" \
    -Wl,--no-as-needed $(pkg-config --libs procscope) "$rpath" -o plain ||
    fail "the plain fork() program does not build"
events=$("$ps" run --events=jsonl -- ./plain)
for name in plain-1 plain-1-1 plain-2 plain-3; do
    [ "$(grep -c "\"type\":\"proc.name\".*\"proc_name\":\"$name\"" <<< "$events")" = 1 ] ||
        fail "plain fork(): no proc.name $name in: $events"
done

for prog in workers-c workers-cxx workers-static; do
    out=$("$ps" run --headless -- "./$prog")
    [ "$out" = "sum of squares 0..8 = 204" ] || fail "$prog printed '$out'"
    events=$("$ps" run --events=jsonl -- "./$prog")
    puts=$(grep -c '"type":"queue.put"' <<< "$events")
    gets=$(grep -c '"type":"queue.get"' <<< "$events")
    starts=$(grep -c '"type":"proc.start"' <<< "$events")
    [ "$puts" = 21 ] && [ "$gets" = 21 ] && [ "$starts" = 3 ] ||
        fail "$prog: puts $puts gets $gets starts $starts (want 21 21 3)"
    alone=$("./$prog")
    [ "$alone" = "sum of squares 0..8 = 204" ] || fail "$prog alone printed '$alone'"
done
echo "ok: readme_example (installed, moved, C, C++, static, Python demo, plain fork)"
