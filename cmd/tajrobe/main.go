// Command tajrobe is the Tajrobe customer experience platform in one binary.
package main

func main() {}
