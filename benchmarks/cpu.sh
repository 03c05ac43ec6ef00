# shellcheck shell=bash
# CPU time and voluntary context switches of groups of processes, read from /proc. Sourced by production.sh.
#
# A group is a root process and all its live descendants (found again at each snapshot, so that processes started
# during a measure count too). Its CPU time is the sum, over its live processes, of utime + stime (the whole thread
# group, exited threads included) + cutime + cstime (the children it has waited for: for PostgreSQL, the backends that
# exited; for RabbitMQ, the commands run by erl_child_setup). A process that exits during a measure is then counted
# through its parent's cutime/cstime, provided the parent reaped it before the last snapshot.
# Voluntary context switches have no such total in /proc: they are summed per thread (/proc/<pid>/task/*/status),
# the difference taken thread by thread; a thread (or a process) that exited during the measure is lost, with all its
# switches of the measure. A thread id reused during the measure is taken for a new thread when its count went down.
# What runs outside the groups (wrk, pgbench, curl, psql, epmd, this shell) is not counted.

clk_tck=$(getconf CLK_TCK)

# proc_tree <pid>...: "<pid> <comm>" of each root and of all its live descendants, breadth first (a root comes before
# its children).
proc_tree() {
    printf '%s\n' /proc/[0-9]*/stat | awk -v roots="$*" '
        {
            file = $0
            if ((getline line < file) > 0) {
                # "pid (comm) state ppid ...": comm may hold spaces and parentheses, so cut at the last ")".
                match(line, /.*\)/)
                head = substr(line, 1, RLENGTH)
                split(substr(line, RLENGTH + 2), field, " ")
                pid = substr(head, 1, index(head, " ") - 1)
                comm[pid] = substr(head, index(head, "(") + 1, RLENGTH - index(head, "(") - 1)
                children[field[2]] = children[field[2]] " " pid
            }
            close(file)
        }
        END {
            n = split(roots, queue, " ")
            for (i = 1; i <= n; i++) {
                pid = queue[i]
                if (!(pid in comm) || (pid in seen)) continue
                seen[pid] = 1
                print pid, comm[pid]
                m = split(children[pid], kids, " ")
                for (k = 1; k <= m; k++) queue[++n] = kids[k]
            }
        }'
}

# find_process <root pid> <comm>: the first process named <comm> in the tree of <root pid> (the root included),
# breadth first; prints nothing when there is none.
find_process() {
    proc_tree "$1" | awk -v name="$2" '$2 == name { print $1; exit }'
}

# cpu_snapshot <output file> <group>=<root pid>...: writes "cpu <group> <ticks>" per process and
# "ctx <group> <tid> <voluntary switches>" per thread of every process of each group.
cpu_snapshot() {
    local output=$1 spec group pid task
    shift
    for spec in "$@"; do
        group=${spec%%=*}
        while read -r pid _; do
            echo "$group /proc/$pid/stat"
            for task in /proc/"$pid"/task/*/status; do echo "$group $task"; done
        done < <(proc_tree "${spec#*=}")
    done | awk '
        {
            group = $1; file = $2
            if (file ~ /\/stat$/) {
                # utime, stime, cutime and cstime are the fields 14 to 17 of the line, 12 to 15 after the comm.
                if ((getline line < file) > 0) {
                    match(line, /.*\)/)
                    split(substr(line, RLENGTH + 2), field, " ")
                    print "cpu", group, field[12] + field[13] + field[14] + field[15]
                }
            } else {
                split(file, part, "/")
                while ((getline line < file) > 0) {
                    if (line ~ /^voluntary_ctxt_switches:/) { split(line, value, /[ \t]+/); print "ctx", group, part[5], value[2] }
                }
            }
            close(file)
        }' >"$output"
}

# cpu_delta <before> <after>: "<group> <CPU ms> <voluntary switches>" per group between two snapshots, in the order of
# the groups in <after>.
cpu_delta() {
    awk -v tck="$clk_tck" '
        FNR == NR {
            if ($1 == "cpu") before_cpu[$2] += $3; else before_ctx[$2, $3] = $4
            next
        }
        !($2 in known) { known[$2] = 1; order[++groups] = $2 }
        $1 == "cpu" { after_cpu[$2] += $3 }
        $1 == "ctx" {
            key = $2 SUBSEP $3
            switches[$2] += (key in before_ctx && $4 >= before_ctx[key]) ? $4 - before_ctx[key] : $4
        }
        END {
            for (i = 1; i <= groups; i++) {
                g = order[i]
                printf "%s %.0f %d\n", g, (after_cpu[g] - before_cpu[g]) * 1000 / tck, switches[g]
            }
        }' "$1" "$2"
}

# unit_costs <delta> <units> <CPU decimals> <switch decimals>: "<group> <CPU ms per unit> <switches per unit>" per
# group of a cpu_delta output, then the same for "total" (the sum of the groups).
unit_costs() {
    awk -v units="$2" -v cd="$3" -v sd="$4" '
        function line(name, cpu, ctx) {
            if (units > 0) printf "%s %." cd "f %." sd "f\n", name, cpu / units, ctx / units
            else print name, "-", "-"
        }
        { line($1, $2, $3); cpu += $2; ctx += $3 }
        END { line("total", cpu, ctx) }' "$1"
}
