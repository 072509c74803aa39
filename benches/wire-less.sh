#!/bin/sh
# Bytes on the wire (issue 7) in a real terminal: what `less` and kanbao write per key, in
# tmux, captured with `tmux pipe-pane -o` (everything the program writes to its terminal).
#
#   benches/wire-less.sh            # 80×24 and 200×60
#   benches/wire-less.sh 80 24      # one size
#
# Needs tmux and less. The text is the bench's `seed-long` issue (the seed bulletin's nine
# articles joined, three times over), written to target/wire/issues/ by
# `cargo bench --bench wire`; less pages `kanbao cat seed-long --width W` of it, kanbao
# scrolls the same article. Prints the bytes of each key press and the mean per action.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build --release --quiet
WIRE_BYTES_ONLY=1 cargo bench --quiet --bench wire >/dev/null
kanbao="$root/target/release/kanbao"
issues="$root/target/wire/issues"

work=$(mktemp -d)
# The servers' sockets go in the work folder: tmux 3.3 leaves them behind when it exits.
export TMUX_TMPDIR="$work"
runs=0
socket="kanbao-wire-$$-0"
cleanup() {
    tmux -L "$socket" kill-server 2>/dev/null || true
    # pipe-pane's cat may still be writing its last bytes into the folder.
    sleep 0.3
    rm -rf "$work"
}
trap cleanup EXIT

bytes() { wc -c <"$work/out" | tr -d ' '; }

# Waits until the capture has not grown for 0.3 s.
settle() {
    last=-1
    while :; do
        now=$(bytes)
        [ "$now" = "$last" ] && break
        last=$now
        sleep 0.3
    done
}

# start WIDTH HEIGHT COMMAND: a fresh tmux server running COMMAND, its output captured.
start() {
    tmux -L "$socket" kill-server 2>/dev/null || true
    runs=$((runs + 1))
    socket="kanbao-wire-$$-$runs"
    : >"$work/out"
    tmux -L "$socket" -f /dev/null new-session -d -x "$1" -y "$2" "sleep 0.5; exec $3"
    tmux -L "$socket" set-option -g escape-time 0
    tmux -L "$socket" pipe-pane -o -t 0 "cat >> '$work/out'"
    sleep 0.3
    settle
}

# press KEY: sends KEY and waits for the output to settle (not measured).
press() {
    tmux -L "$socket" send-keys -t 0 "$1"
    settle
}

# measure LABEL KEY TIMES: presses KEY TIMES times, printing the bytes of each and the mean.
measure() {
    total=0
    each=""
    i=0
    while [ "$i" -lt "$3" ]; do
        before=$(bytes)
        tmux -L "$socket" send-keys -t 0 "$2"
        settle
        after=$(bytes)
        each="$each $((after - before))"
        total=$((total + after - before))
        i=$((i + 1))
    done
    printf '%-34s mean %6d  each:%s\n' "$1" $((total / $3)) "$each"
}

# idle: bytes written in 3 s with no key pressed.
idle() {
    before=$(bytes)
    sleep 3
    printf '%-34s %11d\n' "idle for 3 s" $(($(bytes) - before))
}

run_less() {
    width=$1
    height=$2
    "$kanbao" --issues "$issues" cat seed-long --width "$width" >"$work/seed-$width.txt"
    echo "== less, ${width}×${height} ($(wc -l <"$work/seed-$width.txt") lines)"
    start "$width" "$height" "env LESS= LESSHISTFILE=- less '$work/seed-$width.txt'"
    echo "   (TERM=$(tmux -L "$socket" show-options -gv default-terminal))"
    measure "one-line scroll (j)" j 10
    measure "page down (space)" Space 3
    idle
}

run_kanbao() {
    width=$1
    height=$2
    narrow_below=$3
    cat >"$work/config.toml" <<EOF
[layout]
ambiguous_width = 1
[reader]
narrow_below = $narrow_below
mouse = false
EOF
    echo "== kanbao, ${width}×${height}, narrow_below = $narrow_below"
    # A fresh state file for each run (the last run's kanbao saves its own when hung up).
    runs=$((runs + 1))
    start "$width" "$height" "env XDG_CONFIG_HOME=/nonexistent XDG_STATE_HOME=/nonexistent KANBAO_CONFIG= '$kanbao' --config '$work/config.toml' --state '$work/state-$runs.toml' --issues '$issues'"
    # The newest issue is selected; two issues on is seed-long, one more the seed bulletin.
    press ']'
    press ']'
    press Enter
    # Let the article become read (2 s on screen) before measuring.
    sleep 2.5
    settle
    measure "one-line scroll (j in the pane)" j 10
    measure "page down (space in the pane)" Space 3
    idle
    # The seed bulletin's first article, from the pane and from the list.
    press Escape
    press ']'
    press Enter
    sleep 2.5
    settle
    measure "next article (J)" J 4
    press Escape
    press g
    press ']'
    press ']'
    press ']'
    sleep 2.5
    settle
    measure "selection down (j in the list)" j 4
}

if [ $# -eq 2 ]; then
    sizes="$1x$2"
else
    sizes="80x24 200x60"
fi
echo "$(tmux -V); $(less --version | head -1)"
for size in $sizes; do
    width=${size%x*}
    height=${size#*x}
    run_less "$width" "$height"
    run_kanbao "$width" "$height" 60
    if [ "$width" -lt 100 ]; then
        run_kanbao "$width" "$height" $((width + 1))
    fi
done
