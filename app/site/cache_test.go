package site

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func testResponse(t *testing.T, n int) *response {
	t.Helper()
	r, err := newResponse(200, "application/octet-stream", revalidate, make([]byte, n))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestCacheBound checks that the cache keeps within its bytes, dropping the
// least recently used first.
func TestCacheBound(t *testing.T) {
	one := testResponse(t, 1000)
	c := newCache(4*(one.size()+201) + 10) // four entries of one-letter keys
	made := map[string]int{}
	get := func(key string) {
		t.Helper()
		if _, err := c.get(key, func() (*response, error) { made[key]++; return one, nil }); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range []string{"a", "b", "c", "d"} {
		get(k)
	}
	get("a") // in the older half: a becomes the most recent
	get("e") // b goes
	if n, bytes := c.stats(); n != 4 || bytes > c.max {
		t.Errorf("%d responses, %d bytes, bound %d", n, bytes, c.max)
	}
	get("a")
	get("e")
	if made["a"] != 1 || made["e"] != 1 {
		t.Errorf("a recently used response was dropped: made %v", made)
	}
	get("b")
	if made["b"] != 2 {
		t.Errorf("the least recently used response was kept")
	}
	// A response larger than the whole cache is made every time.
	big := testResponse(t, 10000)
	for range 2 {
		if _, err := c.get("big", func() (*response, error) { made["big"]++; return big, nil }); err != nil {
			t.Fatal(err)
		}
	}
	if made["big"] != 2 {
		t.Errorf("an oversized response was kept")
	}
}

// TestCacheMakesOnce checks that concurrent requests for the same response
// wait for one make.
func TestCacheMakesOnce(t *testing.T) {
	c := newCache(1 << 20)
	var makes atomic.Int32
	start := make(chan struct{})
	var wg sync.WaitGroup
	one := testResponse(t, 100)
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			r, err := c.get("k", func() (*response, error) { makes.Add(1); return one, nil })
			if err != nil || r != one {
				t.Errorf("got %v, %v", r, err)
			}
		}()
	}
	close(start)
	wg.Wait()
	if makes.Load() != 1 {
		t.Errorf("made %d times", makes.Load())
	}
}

// TestBackgroundGivesWay checks the turns of the work done in the
// background: while pages are being made, its steps run one fewer at a
// time than the slots allow them processors (here one of two); once
// quiet, all at once.
func TestBackgroundGivesWay(t *testing.T) {
	s := &Site{cache: newCache(0), bgSlots: make(chan struct{}, 1)}
	run := func(n int, step func()) {
		var wg sync.WaitGroup
		for range n {
			wg.Go(func() { s.background(step) })
		}
		wg.Wait()
	}

	// A page made just now: one step at a time.
	if _, err := s.cache.get("/", func() (*response, error) { return testResponse(t, 10), nil }); err != nil {
		t.Fatal(err)
	}
	var running, most atomic.Int32
	run(4, func() {
		n := running.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(5 * time.Millisecond)
		running.Add(-1)
	})
	if m := most.Load(); m != 1 {
		t.Errorf("while pages are made, %d steps ran at once, want 1", m)
	}

	// Quiet: every step runs at once. Each waits for all four to have
	// started, which one at a time would never see.
	s.cache.made.Store(time.Now().Add(-2 * bgQuiet).UnixNano())
	var started sync.WaitGroup
	started.Add(4)
	all := make(chan struct{})
	go func() { started.Wait(); close(all) }()
	run(4, func() {
		started.Done()
		select {
		case <-all:
		case <-time.After(10 * time.Second):
			t.Error("when quiet, the steps did not all run at once")
		}
	})
}

// TestCacheMakeThatPanics checks that a make that panics (net/http
// recovers its request) leaves no one waiting for it: a request that
// waited for it gets an error, and the next makes the response anew,
// where both waited for ever, each holding its goroutine, and so did
// every later request for the same page.
func TestCacheMakeThatPanics(t *testing.T) {
	c := newCache(1 << 20)
	one := testResponse(t, 100)
	release := make(chan struct{})
	panicked := make(chan struct{})
	go func() {
		defer close(panicked)
		defer func() { recover() }()
		c.get("k", func() (*response, error) {
			<-release
			panic("a bug")
		})
	}()
	for { // until the make is under way
		c.mu.Lock()
		_, under := c.making["k"]
		c.mu.Unlock()
		if under {
			break
		}
		time.Sleep(time.Millisecond)
	}
	waited := make(chan error, 1)
	go func() {
		r, err := c.get("k", func() (*response, error) { return one, nil })
		if err == nil && r != one {
			err = fmt.Errorf("got %v", r)
		}
		waited <- err
	}()
	time.Sleep(10 * time.Millisecond) // most often, the second request waits for the first's make
	close(release)
	<-panicked
	for _, ch := range []struct {
		scenario string
		get      func() error
	}{
		{"the request that waited", func() error {
			// An error, or the response made anew when it came too
			// late to wait.
			if err := <-waited; err != nil && !errors.Is(err, errMakePanicked) {
				return err
			}
			return nil
		}},
		{"the next request", func() error {
			r, err := c.get("k", func() (*response, error) { return one, nil })
			if err != nil || r != one {
				return fmt.Errorf("got %v, %v", r, err)
			}
			return nil
		}},
	} {
		done := make(chan error, 1)
		go func() { done <- ch.get() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("%s: %v", ch.scenario, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s waits for ever for a make that panicked", ch.scenario)
		}
	}
}
