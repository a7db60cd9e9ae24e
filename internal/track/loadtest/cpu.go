package loadtest

import (
	"syscall"
	"time"
)

// OwnCPU returns the CPU time, user and system, this process has used:
// the load generator's own share of the machine it shares with the server.
func OwnCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
