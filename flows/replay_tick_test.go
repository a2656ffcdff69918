package flows

import "testing"

// replayTickFlow has a tick step whose answer only feeds the summary, then an end.
const replayTickFlow = `flow: replay-tick
version: 1
title: Replay a tick
start: tried
nodes:
  tried:
    kind: tick
    text: What have you tried
    label: Tried
    options:
      - { label: Refreshing, value: refresh }
      - { label: The app, value: app }
    next: end
  end:
    kind: end
    title: Done
    outcome: done
`

func TestReplayRecordGoesPastATickStep(t *testing.T) {
	f, diags := Parse("replay-tick.yaml", []byte(replayTickFlow))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	tests := []struct {
		name    string
		answers map[string]RecordedAnswer
		want    []string // the values ticked in the replay
	}{
		{name: "a tick step where nothing was ticked, which a summary leaves out, is passed with nothing ticked",
			answers: map[string]RecordedAnswer{}},
		{name: "a tick step with options ticked is passed with the same options ticked",
			answers: map[string]RecordedAnswer{"tried": {Value: "refresh,app", Shown: "Refreshing, The app"}}, want: []string{"refresh", "app"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := Record{FlowID: "replay-tick", Finished: true, Answers: tt.answers}
			st, rep := ReplayRecord(f, rec, AudienceStaff, t0)
			if st.Node().ID != "end" || rep.Stop != "" {
				t.Fatalf("the walk stands at %s, want end (report %+v)", st.Node().ID, rep)
			}
			a := st.Answers()["tried"]
			if len(a.Values) != len(tt.want) {
				t.Fatalf("ticked %v, want %v", a.Values, tt.want)
			}
			for i := range tt.want {
				if a.Values[i] != tt.want[i] {
					t.Errorf("ticked %v, want %v", a.Values, tt.want)
				}
			}
		})
	}
}
