package survey

import "github.com/tajrobe/tajrobe/internal/errs"

// Move moves question id one place up (by −1) or down (by +1). A move
// that would put a question before the one its show-if condition depends
// on is refused, so the logic stays valid; moving the first question up
// or the last down changes nothing.
func (s *Survey) Move(id string, by int) error {
	const op = "survey.Move"
	if by != -1 && by != 1 {
		return errs.Field(op, "dir", "a question moves one place up (-1) or down (1), not %d", by)
	}
	i := -1
	for k := range s.Questions {
		if s.Questions[k].ID == id {
			i = k
		}
	}
	if i < 0 {
		return errs.E(op, errs.NotExist, "no question %q", id)
	}
	j := i + by
	if j < 0 || j >= len(s.Questions) {
		return nil
	}
	first, second := &s.Questions[min(i, j)], &s.Questions[max(i, j)]
	if c := second.ShowIf; c != nil && c.Question == first.ID {
		return errs.Field(op, "move", "question %q is shown only after %q is answered, so it cannot come before it", second.ID, first.ID)
	}
	s.Questions[i], s.Questions[j] = s.Questions[j], s.Questions[i]
	return nil
}
