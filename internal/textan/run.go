package textan

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
)

// maxLine bounds one input line; longer lines are cut, not refused, so one
// pasted document cannot stop a batch.
const maxLine = 1 << 20

// RunAnalyze reads one text per line from r and writes one JSON Result per
// line to w, in order; an empty line gives a neutral result so output lines
// match input lines. It stops early when ctx is cancelled.
func RunAnalyze(ctx context.Context, r io.Reader, w io.Writer, a *Analyzer) error {
	br := bufio.NewReaderSize(r, 64<<10)
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, err := readLine(br)
		if err == io.EOF && line == "" {
			break
		}
		if err != nil && err != io.EOF {
			return fmt.Errorf("textan: read: %w", err)
		}
		if encErr := enc.Encode(a.Analyze(line)); encErr != nil {
			return fmt.Errorf("textan: write: %w", encErr)
		}
		if err == io.EOF {
			break
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("textan: write: %w", err)
	}
	return nil
}

// readLine returns the next line without its line ending, cut at maxLine.
func readLine(br *bufio.Reader) (string, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf) < maxLine {
			buf = append(buf, chunk[:min(len(chunk), maxLine-len(buf))]...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		n := len(buf)
		for n > 0 && (buf[n-1] == '\n' || buf[n-1] == '\r') {
			n--
		}
		return string(buf[:n]), err
	}
}
