// Package flows holds unstuck's flow format and the engine that walks a flow: decoding, validation,
// the node kinds and input types, State and Prompt, texts and translations, the built-in library.
// It is pure: no terminal, no network, no file reading, no clock of its own (purity_test.go holds it
// to that); flows/files reads files, flows/summary and flows/author build on it.
//
// It is over 2,500 lines (about 5,800) on purpose: a node kind (kind_*.go) or an input type
// (input_*.go) is one definition that holds both how the loader validates it and how the engine
// answers it and what the front ends ask, so the decoder, the validator, the kinds and the engine
// share unexported parts (the validator, the position table, State's steps). Splitting them would
// export those parts only to have packages call each other both ways. The JSON Schema stays here
// too: it is generated from the decoder's own field table, so the two cannot disagree.
package flows

// The Go types below are the flow format (version 1). The loader decodes YAML into them strictly, and
// the same tags and `desc` texts describe the format to writers.

// Flow is one troubleshooting flow: a decision tree of nodes, starting at Start.
type Flow struct {
	Schema          string   `yaml:"$schema" desc:"Optional link to the JSON Schema, for editors."`
	Version         int      `yaml:"version" desc:"The flow format version. Only 1 exists; leave it out or write 1."`
	ID              string   `yaml:"flow,required" desc:"A short, stable name for the flow, used on the command line: unstuck run <flow>. Lower-case letters, digits and dashes."`
	Title           string   `yaml:"title,required" desc:"The flow's name as a shopper sees it in the menu, e.g. \"My payment doesn't go through\"."`
	Description     string   `yaml:"description" desc:"One or two sentences under the title in the menu."`
	Problem         string   `yaml:"problem" desc:"How the summary names the shopper's problem for the support agent, in the third person, e.g. \"Cannot log in, or worried about account security\". Default: the title."`
	Language        string   `yaml:"language" desc:"The language the flow is written in, as a tag like en or sv-SE. Default en."`
	Order           int      `yaml:"order" desc:"Where the flow stands in the menu: lower numbers first. Default 100; flows with the same number are sorted by title."`
	Keywords        []string `yaml:"keywords" desc:"Words a shopper might type to find this flow."`
	Provider        Provider `yaml:"provider" desc:"The payment provider this flow is about. Texts can use {{provider.name}}, {{provider.help_url}} and the optional policy settings, like {{provider.refund_time}}."`
	Start           string   `yaml:"start,required" desc:"The id of the first node."`
	SummaryTemplate string   `yaml:"summary_template" desc:"The layout of the text summary: any text, with {{summary.header}}, {{summary.happened}}, {{summary.details}}, {{summary.checks}}, {{summary.tried}}, {{summary.question}} and {{summary.notes}} where those parts go. Default: all of them in that order."`
	Nodes           []*Node  `yaml:"nodes,required,keyed" desc:"The steps of the flow, each under its id."`
	Parts           []*Part  `yaml:"parts,keyed" desc:"Named groups of steps written once and run by call steps (kind: call, part: name), each under its name."`

	Values []*Value `yaml:"values,keyed" desc:"Values worked out from answers, each under its own id, for {{id}} in texts and value: in conditions: the remaining amount after a partial refund, the days a refund has taken."`

	Path   string   `yaml:"-"` // the file it was read from, as diagnostics show it
	meta   *loaded  `yaml:"-"` // what the loader keeps beside the flow (source.go); nil for a flow not loaded
	placed *placing `yaml:"-"` // the library it was found in and the team's settings (provider.go); nil for a flow read on its own
}

// Provider holds everything provider-specific, so the flows themselves stay provider-neutral.
type Provider struct {
	Name    string   `yaml:"name" desc:"The provider's name as shoppers know it. Default \"your payment provider\"."`
	HelpURL string   `yaml:"help_url" desc:"Where shoppers reach the provider's support."`
	ChatURL string   `yaml:"chat_url" desc:"Where shoppers paste the summary: the provider's support chat."`
	Hosts   []string `yaml:"hosts" desc:"Addresses of the provider's payment pages (https://...), probed by the connectivity check."`

	// Policies that differ between providers. Each is optional: a line of text that names one that is
	// not set is left out (ProviderSetting), so a flow never invents a time frame.
	HoldTime               string `yaml:"hold_time" desc:"How long a pending charge (a hold on the card) usually lasts before the bank releases it, like \"up to 7 days\". Texts use {{provider.hold_time}}; a line that uses it is left out when it is not set."`
	RefundTime             string `yaml:"refund_time" desc:"How long a refund takes to arrive once the store has registered a return, like \"up to 5 working days\". Texts use {{provider.refund_time}}; a line that uses it is left out when it is not set."`
	ReturnRegistrationTime string `yaml:"return_registration_time" desc:"How long a store usually takes to register a return after it gets the parcel, like \"a few days\". Texts use {{provider.return_registration_time}}; a line that uses it is left out when it is not set."`
	DisputeTime            string `yaml:"dispute_time" desc:"How long the investigation of a problem with a store usually takes. Texts use {{provider.dispute_time}}; a line that uses it is left out when it is not set."`
	SupportHours           string `yaml:"support_hours" desc:"When support answers, like \"24/7\" or \"every day 8-22\". Texts use {{provider.support_hours}}; a line that uses it is left out when it is not set."`
}

// optionalSettings are the provider settings a line of text may name only when they are set: a
// line that names one that is not set (by the team's config or the flow) is left out (dropUnset), so a
// flow never invents a time frame and never shows an empty link.
var optionalSettings = map[string]bool{
	"chat_url": true, "hold_time": true, "refund_time": true, "return_registration_time": true,
	"dispute_time": true, "support_hours": true,
}

// Node is one step of a flow.
type Node struct {
	ID        string            `yaml:"-"`
	Kind      Kind              `yaml:"kind,required" desc:"What the step does: message, choice, tick, input, check, call or end."`
	Title     string            `yaml:"title" desc:"A short heading for the step."`
	Text      string            `yaml:"text" desc:"The message or question, in plain words. May use {{answer-id}} to repeat an earlier answer."`
	Help      string            `yaml:"help" desc:"Extra help shown when the shopper presses ?, e.g. where to find an order number."`
	Label     string            `yaml:"label" desc:"How the answer is named in the summary, e.g. \"Order number\". Without a label the answer is left out of the summary."`
	Next      string            `yaml:"next" desc:"The id of the next step (message, input, and choice options without goto)."`
	Options   []*Option         `yaml:"options" desc:"The answers a shopper can pick (choice)."`
	Input     *InputSpec        `yaml:"input" desc:"What kind of answer to ask for (input)."`
	Check     string            `yaml:"check" desc:"The name of the check to run (check): one of the registered checks, which the schema lists."`
	With      map[string]string `yaml:"with" desc:"The check's parameters; values may use {{answer-id}}."`
	Branch    []*Branch         `yaml:"branches" desc:"Where to go next, tried in order: the first whose condition holds wins. The last must have no condition (the fallback)."`
	Outcome   string            `yaml:"outcome" desc:"How the flow ended (end): e.g. solved, not-solved, contact-support."`
	Advice    []string          `yaml:"advice" desc:"What the shopper should do now (end), one line each."`
	Audience  string            `yaml:"audience" desc:"Who sees this step: everyone (default), shopper (not in staff mode) or staff (only in staff mode). A step someone does not see is passed by its next or its fallback branch."`
	StaffNote string            `yaml:"staff_note" desc:"A note shown only to support staff (staff mode): what to say, what to look up in their own tools."`
	Question  string            `yaml:"question" desc:"The question left for the support agent (end), shown at the end of the summary."`
	Result    string            `yaml:"result" desc:"How the summary states the result for the support agent (end), in the third person, e.g. \"Amount over the shopper's spending limit\". Default: the title."`
	Summary   []string          `yaml:"summary" desc:"Lines added to the support summary when this step is reached."`
	Tried     []string          `yaml:"tried" desc:"Lines for the summary's \"already tried\" part, added when this step is reached."`
	Part      string            `yaml:"part" desc:"The name of the part to run (call): one of the flow's parts:, or else of the library's parts files (NAME.parts.yaml). Its steps are walked, then the walk comes back here and goes on by next or branches."`

	from *Node // for a step of a part (parts.go): the step as written in the part, which this one copies
}

// Option is one answer of a choice.
type Option struct {
	Label   string   `yaml:"label,required" desc:"The words the shopper picks."`
	Value   string   `yaml:"value" desc:"A short value that conditions compare with. Default: the label."`
	Goto    string   `yaml:"goto" desc:"The id of the step this answer leads to. Default: the choice's next or branches."`
	Summary []string `yaml:"summary" desc:"Lines added to the support summary when this option is picked."`
	Tried   []string `yaml:"tried" desc:"Lines for the summary's \"already tried\" part when this option is picked."`
	Answer  string   `yaml:"answer" desc:"The answer in a few words for the support summary, when the label reads badly as one: \"card\" for \"With a debit or credit card\". Default: the label."`
}

// InputSpec describes an input's answer and how it is validated.
type InputSpec struct {
	Type        InputType `yaml:"type,required" desc:"The kind of answer to ask for: one of the input types (docs/flow-format.md explains each)."`
	Sensitive   bool      `yaml:"sensitive" desc:"Never show or save the answer as typed. Card numbers and expiry dates are always sensitive."`
	Optional    bool      `yaml:"optional" desc:"The shopper may leave it empty."`
	Placeholder string    `yaml:"placeholder" desc:"A faint example shown in the empty field."`
	Example     string    `yaml:"example" desc:"An answer the input accepts, for unstuck test --explore to type when it walks the flow (it is never shown). Lint checks it keeps the input's rules. Not for card numbers: explore uses a published test card."`
	Min         string    `yaml:"min" desc:"Smallest number or amount allowed."`
	Max         string    `yaml:"max" desc:"Largest number or amount allowed."`
	MinLength   int       `yaml:"min_length" desc:"Fewest characters allowed (text)."`
	MaxLength   int       `yaml:"max_length" desc:"Most characters allowed (text). Default 500."`
	Pattern     string    `yaml:"pattern" desc:"A regular expression (RE2) the whole answer must match (text)."`
	Message     string    `yaml:"message" desc:"What to tell the shopper when the pattern does not match."`
	Typos       string    `yaml:"typos" desc:"What a card-number input does with a number that fails the typo check (Luhn) or has the wrong length for its brand: refuse (default) tells the shopper at the field and asks again; accept takes it, for a card check after it to lead to the flow's own end for a mistyped number."`
	Currency    string    `yaml:"currency" desc:"The currency of a money answer, as an ISO 4217 code (SEK, EUR), for when the shopper types none."`
}

// What a card-number input does with a number that looks mistyped (InputSpec.Typos).
const (
	TyposRefuse = "refuse" // say so at the field and ask again (the default)
	TyposAccept = "accept" // take it, and leave it to a card check
)

// TyposModes are the values of InputSpec.Typos, the default first.
var TyposModes = []string{TyposRefuse, TyposAccept}

// Branch is one entry of an ordered list of ways out of a node.
type Branch struct {
	When *Cond  `yaml:"when" desc:"The condition; leave it out on the last branch (the fallback)."`
	Goto string `yaml:"goto,required" desc:"The id of the step to go to."`
}

// Cond is a structured condition. Set one test (answer with equals/in/..., or outcome/status);
// all, any and not combine conditions.
type Cond struct {
	Answer    string   `yaml:"answer" desc:"The id of the node whose answer is tested."`
	Equals    *string  `yaml:"equals" desc:"The answer equals this value (an option's value, or the typed answer)."`
	NotEquals *string  `yaml:"not_equals" desc:"The answer is not this value."`
	In        []string `yaml:"in" desc:"The answer is one of these values."`
	Gt        *string  `yaml:"gt" desc:"The answer (number or amount) is greater than this."`
	Gte       *string  `yaml:"gte" desc:"The answer is greater than or equal to this."`
	Lt        *string  `yaml:"lt" desc:"The answer is less than this."`
	Lte       *string  `yaml:"lte" desc:"The answer is less than or equal to this."`
	Given     *bool    `yaml:"given" desc:"true: the answer was given (not skipped); false: it was not."`
	Matches   *string  `yaml:"matches" desc:"The typed answer contains a match of this regular expression (RE2, any case), e.g. a web address: (https?://|\\w\\.\\w)."`
	Check     string   `yaml:"check" desc:"The id of an earlier check node whose result is tested. Default: this node."`
	Outcome   []string `yaml:"outcome" desc:"The check came out as this outcome (or one of these)."`
	Status    []string `yaml:"status" desc:"The check's status: ok, warning, problem or skipped (or one of these)."`
	All       []*Cond  `yaml:"all" desc:"Every one of these conditions holds."`
	Any       []*Cond  `yaml:"any" desc:"At least one of these conditions holds."`
	Not       *Cond    `yaml:"not" desc:"This condition does not hold."`
	Has       *string  `yaml:"has" desc:"The answer of a tick node has this option ticked (the option's value)."`

	// Instead of answer: a computed value, or the days a date answer counts (dates that count).
	Value       string   `yaml:"value" desc:"The id of a computed value (values:) that is tested with equals, gt, gte, lt, lte or given, instead of an answer."`
	DaysSince   string   `yaml:"days_since" desc:"The id of a date answer: tests the whole days from that date to today (the day the walk began) with gt, gte, lt or lte. A date in the future counts below zero."`
	DaysBetween []string `yaml:"days_between" desc:"Two date answers' ids, [from, to]: tests the whole days from the first date to the second with gt, gte, lt or lte."`
}

// Value is a number worked out from answers (values:). Set exactly one operation; its operands are
// ids of number or money answers, ids of other values, or plain numbers (10, 120.50). A value whose
// operand was not answered is not given.
type Value struct {
	ID          string   `yaml:"-"`
	Add         []string `yaml:"add" desc:"The sum of these operands."`
	Subtract    []string `yaml:"subtract" desc:"The first operand minus each of the others: [order-total, refunded]."`
	Min         []string `yaml:"min" desc:"The smallest of these operands."`
	Max         []string `yaml:"max" desc:"The largest of these operands."`
	DaysSince   string   `yaml:"days_since" desc:"The whole days from a date answer to today (the day the walk began)."`
	DaysBetween []string `yaml:"days_between" desc:"The whole days from the first date answer to the second: [from, to]."`
}

// Node returns the node with the given id, or nil. A flow not made by the loader is searched in order.
func (f *Flow) Node(id string) *Node {
	if f.meta != nil {
		return f.meta.byID[id]
	}
	for _, n := range f.Nodes {
		if n.ID == id {
			return n
		}
	}
	return nil
}

// ProviderName is the provider's name, or a neutral phrase when the flow does not set one.
func (f *Flow) ProviderName() string {
	if name, _ := f.ProviderSetting("name"); name != "" {
		return name
	}
	return "your payment provider"
}

// Targets lists every node id this node can lead to, in order, without repeats.
func (n *Node) Targets() []string {
	out := make([]string, 0, 1+len(n.Options)+len(n.Branch))
	add := func(id string) {
		if id == "" {
			return
		}
		for _, seen := range out {
			if seen == id {
				return
			}
		}
		out = append(out, id)
	}
	add(n.Next)
	for _, o := range n.Options {
		add(o.Goto)
	}
	for _, b := range n.Branch {
		add(b.Goto)
	}
	return out
}

// Audiences a node can be for.
const (
	AudienceAll     = ""
	AudienceShopper = "shopper"
	AudienceStaff   = "staff"
)

// For reports whether the node is shown to the given audience (shopper or staff).
func (n *Node) For(audience string) bool {
	return n.Audience == AudienceAll || n.Audience == "all" || n.Audience == audience
}
