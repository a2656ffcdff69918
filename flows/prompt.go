package flows

import "strings"

// Prompt is what the current step asks, described once for every front end: the full-screen UI and
// the line mode both draw it, and neither looks at the node's kind. Texts are in the flow's language,
// with {{references}} filled in and control characters stripped. Exactly one of Options, Input,
// Continue, Check and End says how the step is answered.
type Prompt struct {
	Node      string
	Title     string
	Text      string // the message or question, without trailing line breaks
	Help      string // extra help for ?, or ""
	StaffNote string // the note for support staff; a front end shows it in staff mode only
	CanGoBack bool

	Options  []PromptOption // pick one of these (or, with Multiple, tick any of them)
	Multiple bool           // the options are ticked, any number of them; Earlier marks those ticked before
	Input    *PromptInput   // type an answer
	Continue bool           // read, then go on
	Check    *PromptCheck   // the program runs a check; the front end shows it running
	End      *PromptEnd     // the walk has ended

	// Earlier is the answer given at this step before the shopper went back (to it, or to a step
	// before it), as it may be shown (a sensitive answer masked), or "". At a choice the option is
	// also marked Earlier.
	Earlier string
	// Refill is that answer as it may be put back in the field, to keep with enter: "" for a
	// sensitive answer (a card number is typed again, never shown) and for one that was skipped.
	Refill string
}

// PromptOption is one answer of a choice.
type PromptOption struct {
	Label   string
	Value   string
	Earlier bool // picked (or ticked) here before the shopper went back
}

// PromptInput is a field to type an answer in.
type PromptInput struct {
	Type        InputType
	Placeholder string
	Optional    bool
	Masked      bool // a card number: shown grouped, all but the last four digits hidden
	MaxLength   int  // 0 when the flow sets none
}

// PromptCheck is a check the program runs at this step.
type PromptCheck struct {
	Name string
}

// PromptEnd is how the walk ended.
type PromptEnd struct {
	Outcome string
	Advice  []string
}

// Prompt describes the current step for a front end.
func (s State) Prompt() Prompt {
	n := s.Node()
	p := Prompt{
		Node:      n.ID,
		Title:     s.Text(n.Title),
		Text:      s.Text(strings.TrimRight(n.Text, "\n")),
		CanGoBack: s.CanGoBack(),
	}
	if n.Help != "" {
		p.Help = s.Text(n.Help)
	}
	if n.StaffNote != "" {
		p.StaffNote = s.Text(n.StaffNote)
	}
	if e := s.earlierAt(n.ID); e != nil && e.Answer != nil {
		p.Earlier = e.Answer.Display
		if a := e.Answer; !a.Sensitive && !a.Skipped && n.Input != nil {
			p.Refill = Sanitize(a.Value)
			if n.Input.Type == InputMoney {
				// An amount comes back as the shopper writes it, in their language and with its
				// currency ("1 234,50 SEK"), not as the canonical value ("1234.50"), which drops both.
				p.Refill = Sanitize(DisplayIn(n.Input, *a, s.Flow().Language))
			}
		}
	}
	n.Def().ask(s, n, &p)
	return p
}
