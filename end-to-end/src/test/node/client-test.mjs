// A client of the pipeline written with nothing from this project: kafkajs and Confluent's schema
// registry client from npm, talking to /registry on a service's HTTP port. It decodes the events of
// an order that exists, publishes a PlaceOrder of its own and waits for that command's result.
// Run by NodeClientTest (end-to-end), which passes everything it needs in the environment; prints
// one line per step and exits 0 only when every step held.
import { Kafka, logLevel } from 'kafkajs';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';

function env(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
}

const prefix = env('TOPIC_PREFIX');
const existingOrder = env('EXISTING_ORDER_ID');
const newOrder = env('NEW_ORDER_ID');
const timeoutMs = 60_000;
const registry = new SchemaRegistry({ host: env('REGISTRY_URL') });
const kafka = new Kafka({ clientId: 'node-client-test', brokers: env('BOOTSTRAP_SERVERS').split(','), logLevel: logLevel.ERROR });

/** Reads a topic from the beginning until `accept` returns a value for a decoded record. */
async function firstMatching(topic, accept) {
  const consumer = kafka.consumer({ groupId: `node-client-test-${topic}-${Date.now()}`, readUncommitted: false });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`nothing matching on ${topic} within ${timeoutMs} ms`)), timeoutMs);
      consumer.run({
        eachMessage: async ({ message }) => {
          if (message.value === null) {
            return;
          }
          const decoded = await registry.decode(message.value);
          const found = accept(message.key === null ? null : message.key.toString(), decoded);
          if (found !== undefined) {
            clearTimeout(timer);
            resolve(found);
          }
        },
      }).catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}

// 1. The events of an order placed through the service decode with the schemas the registry serves.
const placed = await firstMatching(`${prefix}.order.events`, (key, event) =>
  event.aggregateId === existingOrder && event.version === 1 ? event : undefined);
const payload = placed.payload['io.eventline.schemas.avro.order.OrderPlaced'];
if (!payload || payload.orderId !== existingOrder) {
  throw new Error(`version 1 of ${existingOrder} is not an OrderPlaced: ${JSON.stringify(placed)}`);
}
console.log(`decoded ${existingOrder} v1 OrderPlaced for ${payload.customerId}, ${payload.lines.length} line(s), event ${placed.eventId}`);

// 2. A command encoded with the latest schema of the command topic's subject.
const subject = `${prefix}.order.commands-value`;
const schemaId = await registry.getLatestSchemaId(subject);
const commandId = `node-${newOrder}`;
const command = await registry.encode(schemaId, {
  commandId,
  aggregateId: newOrder,
  expectedVersion: null,
  issuedAt: Date.now(),
  correlationId: `node-checkout-${newOrder}`,
  causationId: null,
  actor: 'node-client',
  payload: {
    'io.eventline.schemas.avro.order.PlaceOrder': {
      orderId: newOrder,
      customerId: 'node-customer',
      lines: [{ sku: 'SKU-NODE', quantity: 3, unitPrice: 250 }],
      currency: 'EUR',
    },
  },
});
const producer = kafka.producer({ idempotent: true });
await producer.connect();
await producer.send({ topic: `${prefix}.order.commands`, acks: -1, messages: [{ key: newOrder, value: command }] });
await producer.disconnect();
console.log(`published ${commandId} with schema id ${schemaId}`);

// 3. Its result, keyed by the command id.
const result = await firstMatching(`${prefix}.command-results`, (key, outcome) => key === commandId ? outcome : undefined);
console.log(`result of ${commandId}: ${result.status} at version ${result.version}`);
if (result.status !== 'ACCEPTED' || result.version !== 1) {
  throw new Error(`expected ACCEPTED at version 1, got ${JSON.stringify(result)}`);
}
console.log('all steps held');
