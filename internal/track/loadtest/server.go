package loadtest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Server is a real tajrobe process started for a load run or a crash test.
type Server struct {
	URL       string
	WriteKey  string
	SecretKey string
	exe, db   string
	addr      string
	cmd       *exec.Cmd
	Stderr    bytes.Buffer
}

// Init runs "tajrobe init" on db and returns a server ready to Start.
func Init(ctx context.Context, exe, db string) (*Server, error) {
	out, err := exec.CommandContext(ctx, exe, "init", "--db", db, "--json", "--language", "en").Output()
	if err != nil {
		return nil, fmt.Errorf("tajrobe init: %w", err)
	}
	var keys struct {
		WriteKey  string `json:"write_key"`
		SecretKey string `json:"secret_key"`
	}
	if err := json.Unmarshal(out, &keys); err != nil {
		return nil, fmt.Errorf("tajrobe init printed %q: %w", out, err)
	}
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	return &Server{URL: "http://" + addr, WriteKey: keys.WriteKey, SecretKey: keys.SecretKey, exe: exe, db: db, addr: addr}, nil
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// Start runs "tajrobe serve" and waits until it answers /healthz.
func (s *Server) Start(ctx context.Context, extraEnv ...string) error {
	s.Stderr.Reset()
	s.cmd = exec.Command(s.exe, "serve", "--db", s.db, "--addr", s.addr, "--log-level", "warn")
	s.cmd.Env = append(os.Environ(), extraEnv...)
	s.cmd.Stderr = &s.Stderr
	if err := s.cmd.Start(); err != nil {
		return err
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if res, err := http.Get(s.URL + "/healthz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.Kill()
	return fmt.Errorf("tajrobe serve did not become healthy: %s", s.Stderr.String())
}

// Kill ends the server with SIGKILL, as a crash or the OOM killer would.
func (s *Server) Kill() error {
	if s.cmd == nil || s.cmd.Process == nil {
		return nil
	}
	err := s.cmd.Process.Signal(syscall.SIGKILL)
	s.cmd.Wait()
	return err
}

// Stop ends the server with SIGTERM and waits for it to drain.
func (s *Server) Stop() error {
	if s.cmd == nil || s.cmd.Process == nil {
		return nil
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	return s.cmd.Wait()
}

// PeakRSS returns the server process's peak resident memory so far, in
// bytes, from Linux's VmHWM.
func (s *Server) PeakRSS() (int64, error) {
	f, err := os.Open("/proc/" + strconv.Itoa(s.cmd.Process.Pid) + "/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10, err
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/%d/status", s.cmd.Process.Pid)
}

// CPUTime returns the user and system CPU time the server process has used,
// from /proc/PID/stat (clock ticks of 1/100 s, as Linux reports them).
func (s *Server) CPUTime() (time.Duration, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(s.cmd.Process.Pid) + "/stat")
	if err != nil {
		return 0, err
	}
	// Fields after the command name, which is in parentheses and may hold spaces.
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	if len(f) < 13 {
		return 0, fmt.Errorf("short /proc/%d/stat", s.cmd.Process.Pid)
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("unreadable /proc/%d/stat", s.cmd.Process.Pid)
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond, nil
}
