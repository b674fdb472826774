package site

// MoveOrder is moveOrder, for the export's tests in package site_test.
var MoveOrder = moveOrder
