package program

import "testing"

func TestReadyProgramsAreValid(t *testing.T) {
	for _, shop := range []Shop{{Lang: "fa", Purchase: "Order Completed", Warranty: "warranty_ends"},
		{Lang: "en", Purchase: "Order Completed", Mention: "Warranty Claimed", Warranty: "warranty_ends"}} {
		got := Ready(shop)
		want := 6
		if shop.Mention != "" {
			want = 7
		}
		if len(got) != want {
			t.Fatalf("%d ready programs, want %d", len(got), want)
		}
		for _, p := range got {
			if err := Validate(p, testEnv()); err != nil {
				t.Errorf("%s (%s): %v", p.Name, shop.Lang, err)
			}
			if p.Name == "" {
				t.Errorf("a ready program has no %s name", shop.Lang)
			}
		}
	}
}
