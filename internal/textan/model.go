package textan

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
)

// Model is what Learn found in one workspace's comments: a log-odds weight
// per normalised unigram and bigram. Callers store it per workspace with
// MarshalBinary and hand it to NewAnalyzer.
type Model struct {
	prior       float32
	temperature float64
	samples     float64 // weighted number of comments learned from
	weights     map[string]float32
}

// Samples is the weighted number of labelled comments the model saw.
func (m *Model) Samples() float64 { return m.samples }

// Features is the number of unigrams and bigrams the model weighs.
func (m *Model) Features() int { return len(m.weights) }

// blendWeight grows with the data: a few dozen comments barely move the
// lexicon, a few thousand take most of the say but never all of it.
func (m *Model) blendWeight() float64 {
	return m.samples / (m.samples + halfBlendAt)
}

const modelMagic = "TXM1"

// MarshalBinary encodes the model: magic, prior, temperature, samples,
// then the features in sorted order so equal models encode equally.
func (m *Model) MarshalBinary() ([]byte, error) {
	keys := make([]string, 0, len(m.weights))
	for k := range m.weights {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b := append([]byte(nil), modelMagic...)
	b = binary.LittleEndian.AppendUint32(b, math.Float32bits(m.prior))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(m.temperature))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(m.samples))
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		b = binary.AppendUvarint(b, uint64(len(k)))
		b = append(b, k...)
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(m.weights[k]))
	}
	return b, nil
}

// ErrBadModel reports stored model bytes that are not a model of ours.
var ErrBadModel = errors.New("textan: bad model encoding")

// UnmarshalBinary decodes what MarshalBinary wrote.
func (m *Model) UnmarshalBinary(data []byte) error {
	d := decoder{b: data}
	if string(d.next(len(modelMagic))) != modelMagic {
		return ErrBadModel
	}
	m.prior = math.Float32frombits(d.u32())
	m.temperature = math.Float64frombits(d.u64())
	m.samples = math.Float64frombits(d.u64())
	n := d.uvarint()
	if d.err != nil || n > uint64(len(data)) {
		return ErrBadModel
	}
	m.weights = make(map[string]float32, n)
	for range n {
		k := string(d.next(int(d.uvarint())))
		m.weights[k] = math.Float32frombits(d.u32())
	}
	if d.err != nil || len(d.b) != 0 {
		return fmt.Errorf("%w: %d bytes left", ErrBadModel, len(d.b))
	}
	return nil
}

// decoder reads fields and remembers the first short read.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) next(n int) []byte {
	if d.err != nil || n < 0 || n > len(d.b) {
		d.err = ErrBadModel
		return nil
	}
	out := d.b[:n]
	d.b = d.b[n:]
	return out
}

func (d *decoder) u32() uint32 {
	if b := d.next(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (d *decoder) u64() uint64 {
	if b := d.next(8); b != nil {
		return binary.LittleEndian.Uint64(b)
	}
	return 0
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = ErrBadModel
		return 0
	}
	d.b = d.b[n:]
	return v
}
