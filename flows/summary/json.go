package summary

import (
	"reflect"

	"github.com/unstuck-dev/unstuck/flows"
)

// sanitized is a copy of the summary with every string in it, however deep (answers, check results,
// notes, and any field added later), passed through Sanitize: the JSON summary is read by tools that
// may print it, so no control or escape sequence survives even as a JSON \u001b escape.
func (sm Summary) sanitized() Summary {
	return sanitizeValue(reflect.ValueOf(sm)).Interface().(Summary)
}

func sanitizeValue(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.String:
		c := reflect.New(v.Type()).Elem()
		c.SetString(flows.Sanitize(v.String()))
		return c
	case reflect.Struct:
		c := reflect.New(v.Type()).Elem()
		c.Set(v) // unexported fields (a time's, say) are kept as they are
		for i := 0; i < v.NumField(); i++ {
			if c.Field(i).CanSet() {
				c.Field(i).Set(sanitizeValue(v.Field(i)))
			}
		}
		return c
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := 0; i < v.Len(); i++ {
			c.Index(i).Set(sanitizeValue(v.Index(i)))
		}
		return c
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		c := reflect.New(v.Type().Elem())
		c.Elem().Set(sanitizeValue(v.Elem()))
		return c
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			c.SetMapIndex(sanitizeValue(it.Key()), sanitizeValue(it.Value()))
		}
		return c
	}
	return v
}
