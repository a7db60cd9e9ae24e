// Sends every Segment call type to a running Tajrobe server with the
// official, unmodified @segment/analytics-node SDK, then reads the customer
// back through Tajrobe's own API to check each event was stored once.
//
// Environment: TAJROBE_URL, TAJROBE_WRITE_KEY, TAJROBE_SECRET_KEY.
import { Analytics } from '@segment/analytics-node'
import assert from 'node:assert/strict'

const url = process.env.TAJROBE_URL
const writeKey = process.env.TAJROBE_WRITE_KEY
const secretKey = process.env.TAJROBE_SECRET_KEY
assert.ok(url && writeKey && secretKey, 'set TAJROBE_URL, TAJROBE_WRITE_KEY and TAJROBE_SECRET_KEY')

const run = Date.now().toString(36)
const userId = `sdk-user-${run}`
const anonymousId = `sdk-anon-${run}`
const errors = []

// One batch for all seven calls: the SDK may deliver separate batches out
// of order, and an identify that arrives after a later call of the same
// user leaves the anonymous profile apart (Tajrobe never merges two
// customers silently), which is not what this test is about.
const analytics = new Analytics({ writeKey, host: url, flushAt: 20, flushInterval: 200, maxRetries: 2 })
analytics.on('error', (err) => errors.push(err))

analytics.page({ anonymousId, name: 'Home', properties: { path: '/' } })
analytics.identify({ anonymousId, userId, traits: { name: 'سارا رضایی', email: `sara-${run}@example.com`, city: 'تهران' } })
analytics.track({ userId, event: 'Order Completed', properties: { total: 1250000, currency: 'IRR', note: 'کفش\u200cها 👟' } })
analytics.track({ userId, event: 'Delivery Late', properties: { days: 2 }, context: { tajrobe: { touchpoint: 'delivery', signal: -2 } } })
analytics.screen({ userId, name: 'Cart' })
analytics.group({ userId, groupId: `acme-${run}`, traits: { plan: 'gold' } })
analytics.alias({ userId, previousId: `sdk-old-${run}` })

await analytics.closeAndFlush({ timeout: 20000 })
assert.deepEqual(errors, [], 'the SDK reported delivery errors')

async function api(path) {
  const res = await fetch(url + path, { headers: { Authorization: `Bearer ${secretKey}` } })
  const body = await res.json()
  assert.equal(res.status, 200, `GET ${path}: ${JSON.stringify(body)}`)
  return body
}

const customer = await api(`/api/v1/customers/lookup?user_id=${encodeURIComponent(userId)}`)
for (const [param, value] of [['anonymous_id', anonymousId], ['email', `sara-${run}@example.com`], ['anonymous_id', `sdk-old-${run}`]]) {
  const other = await api(`/api/v1/customers/lookup?${param}=${encodeURIComponent(value)}`)
  assert.equal(other.id, customer.id, `${param} ${value} resolves to the same customer`)
}
assert.equal(customer.traits.name, 'سارا رضایی', 'identify traits reach the profile')

const timeline = await api(`/api/v1/customers/${customer.id}/timeline?limit=50`)
const events = timeline.data.filter((e) => e.kind === 'event')
const titles = events.map((e) => e.title).sort()
assert.deepEqual(titles, ['Cart', 'Delivery Late', 'Home', 'Order Completed', 'alias', 'group', 'identify'].sort(),
  `the timeline holds each call once: ${JSON.stringify(titles)}`)
const late = events.find((e) => e.title === 'Delivery Late')
assert.equal(late.touchpoint, 'delivery')
assert.equal(late.signal, -2)
const order = events.find((e) => e.title === 'Order Completed')
assert.equal(order.data.note, 'کفش\u200cها 👟', 'Persian text, ZWNJ and emoji round-trip')

console.log(`ok: 7 calls from @segment/analytics-node stored on customer ${customer.id}`)
