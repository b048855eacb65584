// Package benchutil measures benchmarks on shared machines, where wall time
// depends on what else runs: the CPU time the process spent is steadier.
package benchutil

import (
	"syscall"
	"time"
)

// CPUTime is the user plus system CPU time this process has used so far.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
