//go:build unix

package tui

import (
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	tea "charm.land/bubbletea/v2"
)

// suspender lets the full-screen UI be suspended as a shell expects: ctrl+z or a SIGTSTP from
// outside gives the terminal back and stops the process; fg (SIGCONT) takes the terminal again and
// draws the same screen. Bubble Tea's suspend does the terminal's part. Go cannot give SIGTSTP its
// default action back once it was caught, so the stop Bubble Tea asks for with SIGTSTP is made here
// with SIGSTOP.
type suspender struct {
	sigs       chan os.Signal
	done       chan struct{}
	canSuspend func() bool
}

func newSuspender() *suspender {
	return &suspender{sigs: make(chan os.Signal, 1), done: make(chan struct{}), canSuspend: func() bool { return !orphaned() }}
}

// filter sees every message before Bubble Tea does.
func (s *suspender) filter(_ tea.Model, msg tea.Msg) tea.Msg {
	switch msg.(type) {
	case tea.SuspendMsg:
		if !s.canSuspend() {
			return nil // stopped, nobody could continue it: the terminal would just freeze
		}
		suspended.Store(true)
	case tea.ResumeMsg:
		suspended.Store(false)
	}
	return msg
}

// start catches SIGTSTP while p runs; the returned func stops that.
func (s *suspender) start(p *tea.Program) func() {
	signal.Notify(s.sigs, syscall.SIGTSTP)
	go func() {
		for {
			select {
			case <-s.done:
				return
			case <-s.sigs:
				if suspended.Load() {
					// Bubble Tea gave the terminal back and sent SIGTSTP to the process group; stop.
					_ = syscall.Kill(os.Getpid(), syscall.SIGSTOP)
				} else {
					p.Send(tea.SuspendMsg{}) // from outside (kill -TSTP): suspend the same way
				}
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
