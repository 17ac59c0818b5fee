#!/usr/bin/env bash
# Time auxiliaries a broken writer fills with huge values are served
# clamped to the TimeTicks range, without overflow (make SANITIZE=1
# aborts on one): a TimeAbs or TicksBase of 2^63-1 or 2^64-1 is
# 4294967295 ("later than a TimeStamp can say"), a TicksBase in the
# future gives an interval of 0.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/interface_segment.sh"

IF=.1.3.6.1.2.1.2.2.1
IFX=.1.3.6.1.2.1.31.1.1.1
t_snmpd
ticks() { t_get -Oqvt "$1" 2>&1; }

MAX63=$(((1 << 63) - 1))
printf 'big0 1\nbig1 2\n' >"$T/ifindex"
seg_write "$T/shm" big0 ifDescr:str16:big0 ifType:i32:6 \
	ifLastChange:u32:5 _X_ifLastChange_TicksBase:u64:$MAX63 \
	ifCounterDiscontinuityTime:u32:7 _X_ifCounterDiscontinuityTime_TimeAbs:u64:$MAX63
seg_write "$T/shm" big1 ifDescr:str16:big1 ifType:i32:6 \
	ifLastChange:u32:5 _X_ifLastChange_TicksBase:u64:-1 \
	ifCounterDiscontinuityTime:u32:7 _X_ifCounterDiscontinuityTime_TimeAbs:u64:-1

t_bg agent "$BIN/shmib-interface" --kernel-interfaces no -f -x "unix:$AGENTX" --shmem-dir "$T/shm" \
	--ifindex "$T/ifindex" --check-interval 1
wait_for 2 t_value $IF.1.2 || t_die "agent does not serve (see $T/agent.log)"

t_check "TimeAbs 2^63-1: ifCounterDiscontinuityTime 2^32-1" 4294967295 "$(ticks $IFX.19.1)"
t_check "TicksBase 2^63-1: ifLastChange 2^32-1" 4294967295 "$(ticks $IF.9.1)"
t_check "TimeAbs 2^64-1: ifCounterDiscontinuityTime 2^32-1" 4294967295 "$(ticks $IFX.19.2)"
t_check "TicksBase 2^64-1: ifLastChange 2^32-1" 4294967295 "$(ticks $IF.9.2)"
t_check "the agent lives" 0 "$(kill -0 "${T_PIDS[-1]}" 2>/dev/null; echo $?)"
t_stop "${T_PIDS[-1]}"
t_check "no sanitizer report" 0 "$(grep -c -E 'Sanitizer|runtime error' "$T/agent.log")"
t_done
