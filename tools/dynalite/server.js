// Starts dynalite (a DynamoDB-compatible server) on 127.0.0.1 and prints the port it got.
// It exits when its parent closes stdin, so it never outlives the JVM that started it, even after kill -9.
// Usage: node server.js [--port N] [--path DIR]   (port 0 or absent: a free port)
'use strict'
const argv = require('minimist')(process.argv.slice(2))
const dynalite = require('dynalite')

const server = dynalite({ path: argv.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
server.listen(Number(argv.port || 0), '127.0.0.1', () => {
  console.log('DYNALITE_PORT=' + server.address().port)
})
server.on('error', (err) => {
  console.error('dynalite failed: ' + err.message)
  process.exit(1)
})
process.stdin.on('end', () => process.exit(0))
process.stdin.on('close', () => process.exit(0))
process.stdin.resume()
