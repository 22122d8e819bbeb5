package updraft_test

import (
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/updraftdb/updraft"
)

func Example() {
	db, err := updraft.Open(updraft.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	if _, err := db.Set("greeting", "hello", updraft.SetOptions{TTL: time.Minute}); err != nil {
		log.Fatal(err)
	}
	v, ok, err := db.Get("greeting")
	fmt.Println(v, ok, err)

	_, ok, _ = db.Get("nothing")
	fmt.Println(ok)

	visits, _ := db.Incr("visits")
	fmt.Println("visits:", visits)
	// Output:
	// hello true <nil>
	// false
	// visits: 1
}

func ExampleDB_Set() {
	db, err := updraft.Open(updraft.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	res, _ := db.Set("lock", "owner-1", updraft.SetOptions{NX: true, TTL: 30 * time.Second})
	fmt.Println("first NX:", res.Written)
	res, _ = db.Set("lock", "owner-2", updraft.SetOptions{NX: true})
	fmt.Println("second NX:", res.Written)

	res, _ = db.Set("lock", "owner-3", updraft.SetOptions{KeepTTL: true, Get: true})
	fmt.Println("replaced:", res.Old)
	// Output:
	// first NX: true
	// second NX: false
	// replaced: owner-1
}

func ExampleDB_Do() {
	db, err := updraft.Open(updraft.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	r, _ := db.Do("SET", "counter", "41")
	fmt.Println(r)
	r, _ = db.Do("GET", "counter")
	n, _ := r.Int()
	fmt.Println(n + 1)

	r, _ = db.Do("MGET", "counter", "missing")
	for _, e := range r.Array() {
		fmt.Printf("%q nil=%v\n", e.String(), e.IsNil())
	}

	_, err = db.Do("GET")
	var rerr *updraft.Error
	if errors.As(err, &rerr) {
		fmt.Println(rerr.Code(), "|", rerr)
	}
	// Output:
	// OK
	// 42
	// "41" nil=false
	// "" nil=true
	// ERR | ERR wrong number of arguments for 'get' command
}

func ExampleSession() {
	db, err := updraft.Open(updraft.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	// A session keeps its selected database, as a connection does.
	s, err := db.Session()
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	if err := s.Select(3); err != nil {
		log.Fatal(err)
	}
	s.Set("k", "in database 3", updraft.SetOptions{})

	v, _, _ := s.Get("k")
	fmt.Println(v)
	_, ok, _ := db.Get("k") // the DB runs on database 0
	fmt.Println(ok)

	_, err = db.Do("SELECT", "3")
	fmt.Println(err == updraft.ErrSessionCommand)
	// Output:
	// in database 3
	// false
	// true
}
