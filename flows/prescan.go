package flows

import "bytes"

// valuesAtLeast counts, from the bytes alone and before any parse, values the file holds at the
// least: each key (a colon followed by a space or the line's end), each block list item ("- "
// first on a line) and each item of a bracketed list, outside quotes, comments and block texts
// (| and >). The YAML reader builds a
// node of a hundred bytes or more for every value, so the cap on values (maxYAMLNodes) is checked
// here, before it: a 30 MB flow is refused at once instead of after a gigabyte of nodes. It stops
// past limit and returns the count and the line it reached.
func valuesAtLeast(data []byte, limit int) (count, line int) {
	st := scanState{blockCol: -1}
	for line = 1; len(data) > 0; line++ {
		var text []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			text, data = data[:i], data[i+1:]
		} else {
			text, data = data, nil
		}
		indent := 0
		for indent < len(text) && text[indent] == ' ' {
			indent++
		}
		if st.blockCol >= 0 {
			if indent == len(bytes.TrimRight(text, " \t\r")) || indent > st.blockCol {
				continue // blank, or inside the block text
			}
			st.blockCol = -1
		}
		count += st.scanLine(text, indent)
		if count > limit {
			return count, line
		}
	}
	return count, line - 1
}

// scanState is what a line leaves open for the next: a quote, a block text, brackets.
type scanState struct {
	inQuote  byte   // '"' or '\'' while inside a quoted text that may span lines
	blockCol int    // while inside a block text: lines indented deeper than this belong to it; else -1
	brackets []byte // the open [ and {, innermost last
	item     bool   // something stands in the innermost [ ] since its last comma
}

// scanLine counts the keys and list items on one line (see valuesAtLeast) and notes what it leaves
// open.
func (st *scanState) scanLine(text []byte, indent int) (count int) {
	valueStart := true // a quote here opens a quoted text
	col := indent      // where the innermost key or item starts
	for i := indent; i < len(text); i++ {
		c := text[i]
		if st.inQuote != 0 {
			i = st.quoted(text, i)
			valueStart = valueStart && st.inQuote != 0
			continue
		}
		blank := blankAfter(text, i)
		switch {
		case c == ' ' || c == '\t':
			continue
		case c == '#' && (i == 0 || text[i-1] == ' ' || text[i-1] == '\t'):
			return count
		case (c == '"' || c == '\'') && valueStart:
			st.inQuote = c
			st.markItem()
			continue
		case (c == '-' && i == col || c == ':') && blank:
			count++
			valueStart = true
			if st.opensBlock(text, i, &col) {
				return count
			}
			continue
		case c == '[' || c == '{' || c == ',' || c == ']' || c == '}':
			if n, ok := st.bracket(c, valueStart); ok {
				count += n
				valueStart = true
				continue
			}
		}
		st.markItem()
		valueStart = false
	}
	return count
}

// blankAfter reports whether text[i] ends the line or is followed by a space.
func blankAfter(text []byte, i int) bool {
	return i+1 >= len(text) || text[i+1] == ' ' || text[i+1] == '\t' || text[i+1] == '\r'
}

// opensBlock notes the key (:) or list item (-) at text[i], whose contents, for an item, start
// after its dash; it reports whether a block text opens after it, whose lines are those indented
// deeper than the key or the dash.
func (st *scanState) opensBlock(text []byte, i int, col *int) bool {
	if text[i] == '-' {
		*col = i + 2
	}
	if !blockIndicator(text[i+1:]) {
		return false
	}
	st.blockCol = *col
	if text[i] == '-' {
		st.blockCol = i
	}
	return true
}

// quoted steps over text[i] inside a quoted text, and returns where it stands after it.
func (st *scanState) quoted(text []byte, i int) int {
	c := text[i]
	switch {
	case st.inQuote == '"' && c == '\\':
		i++
	case c == st.inQuote && c == '\'' && i+1 < len(text) && text[i+1] == '\'':
		i++
	case c == st.inQuote:
		st.inQuote = 0
	}
	return i
}

// bracket handles [, {, a comma, ] or } outside quotes: ok is false when it is plain text (in a
// plain value, outside brackets); n is the list item it ends, if any.
func (st *scanState) bracket(c byte, valueStart bool) (n int, ok bool) {
	if c == '[' || c == '{' {
		if !valueStart && len(st.brackets) == 0 {
			return 0, false
		}
		if len(st.brackets) < maxNesting {
			st.markItem()
			st.brackets = append(st.brackets, c)
			st.item = false
		}
		return 0, true
	}
	if len(st.brackets) == 0 {
		return 0, false
	}
	if st.brackets[len(st.brackets)-1] == '[' && st.item {
		n = 1
	}
	st.item = false
	if c != ',' {
		st.brackets = st.brackets[:len(st.brackets)-1]
		st.item = true
	}
	return n, true
}

// blockIndicator reports whether rest (what follows a key's colon or an item's dash) opens a block
// text: | or >, maybe with chomping and indentation indicators, maybe a comment.
func blockIndicator(rest []byte) bool {
	rest = bytes.TrimLeft(rest, " \t")
	if len(rest) == 0 || (rest[0] != '|' && rest[0] != '>') {
		return false
	}
	rest = bytes.TrimLeft(rest[1:], "+-0123456789")
	rest = bytes.TrimLeft(rest, " \t\r")
	return len(rest) == 0 || rest[0] == '#'
}

// markItem notes that something stands in the innermost bracketed list.
func (st *scanState) markItem() {
	if n := len(st.brackets); n > 0 && st.brackets[n-1] == '[' {
		st.item = true
	}
}
