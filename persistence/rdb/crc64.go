package rdb

import "hash/crc64"

// Redis checksums RDB files and DUMP payloads with CRC-64/Jones: polynomial
// 0xad93d23594c935a9, reflected, initial value 0 and no final xor.
// hash/crc64 takes the reflected polynomial and complements before and
// after, which Checksum undoes.
var jonesTable = crc64.MakeTable(0x95ac9329ac4bc9b5)

// Checksum continues a Redis CRC-64 over p from crc (0 to start).
func Checksum(crc uint64, p []byte) uint64 {
	return ^crc64.Update(^crc, jonesTable, p)
}
