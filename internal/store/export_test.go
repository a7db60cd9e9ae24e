package store

// RebindForTest exposes rebind to the external tests.
var RebindForTest = rebind
