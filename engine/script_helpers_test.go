package engine

import "time"

var (
	timeParseDuration = time.ParseDuration
	timeSleep         = time.Sleep
)
