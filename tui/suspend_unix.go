//go:build unix

package tui

import (
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"golang.org/x/sys/unix"
)

// suspender lets the full-screen UI be suspended as a shell expects: ctrl+z or a SIGTSTP from
// outside gives the terminal back and stops the process; fg (SIGCONT, with the terminal given back
// to this job) takes the terminal again and draws the same screen. It does the suspend itself rather
// than leave it to Bubble Tea, for two reasons: Go cannot give SIGTSTP its default action back once
// it was caught, so the stop is made with SIGSTOP; and a job continued in the background (kill -CONT,
// or bash's kill %1, which sends SIGTERM then SIGCONT) must not touch the terminal, or it is stopped
// again (SIGTTOU) before it can end: it waits until it is in the foreground, and a stop signal that
// comes meanwhile ends it at once (the caller's signal handler asks Suspended).
type suspender struct {
	sigs       chan os.Signal
	done       chan struct{}
	canSuspend func() bool
	p          *tea.Program
	tty        int // the terminal's descriptor, to tell whether this job is in the foreground
}

func newSuspender() *suspender {
	return &suspender{sigs: make(chan os.Signal, 1), done: make(chan struct{}), canSuspend: func() bool { return !orphaned() },
		tty: int(os.Stdin.Fd())}
}

// filter sees every message before Bubble Tea does: a SuspendMsg is done here, in the event loop as
// Bubble Tea would, and the model gets a ResumeMsg once the terminal is back.
func (s *suspender) filter(_ tea.Model, msg tea.Msg) tea.Msg {
	if _, ok := msg.(tea.SuspendMsg); ok {
		if s.p == nil || !s.canSuspend() {
			return nil // stopped, nobody could continue it: the terminal would just freeze
		}
		s.suspend()
		return tea.ResumeMsg{}
	}
	return msg
}

// suspend gives the terminal back, stops the job and waits to be continued in the foreground.
func (s *suspender) suspend() {
	suspended.Store(true)
	defer suspended.Store(false)
	if err := s.p.ReleaseTerminal(); err != nil {
		return
	}
	cont := make(chan os.Signal, 1)
	signal.Notify(cont, syscall.SIGCONT)
	defer signal.Stop(cont)
	_ = syscall.Kill(0, syscall.SIGTSTP) // the rest of the job (a pipeline) stops as usual
	_ = syscall.Kill(os.Getpid(), syscall.SIGSTOP)
	<-cont
	for s.inBackground() {
		select { // continued without fg: wait for it, never touching the terminal
		case <-cont:
		case <-time.After(100 * time.Millisecond):
		}
	}
	_ = s.p.RestoreTerminal()
}

// inBackground reports whether the terminal belongs to another process group (a job continued
// with bg or kill -CONT). Without a terminal to ask, it says no.
func (s *suspender) inBackground() bool {
	fg, err := unix.IoctlGetInt(s.tty, unix.TIOCGPGRP)
	return err == nil && fg != unix.Getpgrp()
}

// start catches SIGTSTP while p runs; the returned func stops that.
func (s *suspender) start(p *tea.Program) func() {
	s.p = p
	signal.Notify(s.sigs, syscall.SIGTSTP)
	go func() {
		for {
			select {
			case <-s.done:
				return
			case <-s.sigs:
				if !suspended.Load() {
					p.Send(tea.SuspendMsg{}) // from outside (kill -TSTP): suspend the same way
				}
				// While suspended it is the one suspend itself sent to the job: already stopping.
			}
		}
	}()
	return func() {
		signal.Stop(s.sigs)
		close(s.done)
	}
}

// orphaned reports whether the process group is orphaned: no member has a parent in the same session
// but another group, so no shell would continue it after a stop (the kernel drops SIGTSTP sent to
// one). A program run as a terminal's own command, without a shell, is in one. The members looked at
// are this process and its ancestors in the group; /proc tells, so outside Linux this says false.
func orphaned() bool {
	self, ok := procStat(os.Getpid())
	if !ok {
		return false
	}
	cur := self
	for range 64 {
		parent, ok := procStat(cur.ppid)
		if !ok {
			return true // no parent to be seen (pid 0, or hidden): none that could continue it
		}
		if parent.pgrp != self.pgrp {
			return parent.session != self.session
		}
		cur = parent
	}
	return true
}

type stat struct{ ppid, pgrp, session int }

// procStat reads a process's parent, group and session from /proc/PID/stat.
func procStat(pid int) (stat, bool) {
	if pid <= 0 {
		return stat{}, false
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return stat{}, false
	}
	// pid (comm) state ppid pgrp session ...; comm may hold spaces and parentheses.
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return stat{}, false
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 4 {
		return stat{}, false
	}
	var st stat
	var errs [3]error
	st.ppid, errs[0] = strconv.Atoi(f[1])
	st.pgrp, errs[1] = strconv.Atoi(f[2])
	st.session, errs[2] = strconv.Atoi(f[3])
	return st, errs[0] == nil && errs[1] == nil && errs[2] == nil
}
