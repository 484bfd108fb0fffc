// Baseline for docs/benchmarks.md ("HQ (issue 4)"): replicates `docs` small documents from one local
// PouchDB database to another (both LevelDB, PouchDB's default adapter in Node) and prints one JSON line.
// Only the replication is timed; filling the source is reported apart.
//
//   npm install && node replicate.js [docs=100000] [batchSize=100] [dir=os.tmpdir()]
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const PouchDB = require('pouchdb');

const docs = Number(process.argv[2] || 100000);
const batchSize = Number(process.argv[3] || 100);
const base = fs.mkdtempSync(path.join(process.argv[4] || os.tmpdir(), 'filial-pouchdb-'));

function doc(i) {
  // about the shape of a product row of Filial's benchmark: 8 short fields
  return {
    _id: 'product-' + String(i).padStart(8, '0'),
    sku: 'SKU-' + i,
    name: 'Product ' + i + ' ' + (i * 7919 % 100000).toString(36),
    group_id: null,
    unit: 'pcs',
    barcode: String(4600000000000 + i),
    vat_rate: '20.00',
    kind: 'goods',
    active: true,
  };
}

async function main() {
  const source = new PouchDB(path.join(base, 'source'));
  const target = new PouchDB(path.join(base, 'target'));
  let started = process.hrtime.bigint();
  for (let from = 0; from < docs; from += 1000) {
    const chunk = [];
    for (let i = from; i < Math.min(docs, from + 1000); i++) {
      chunk.push(doc(i));
    }
    await source.bulkDocs(chunk);
  }
  const fillSeconds = Number(process.hrtime.bigint() - started) / 1e9;

  started = process.hrtime.bigint();
  const result = await PouchDB.replicate(source, target, { batch_size: batchSize });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;

  const info = await target.info();
  if (info.doc_count !== docs || result.docs_written !== docs) {
    throw new Error('target holds ' + info.doc_count + ' docs, replication wrote ' + result.docs_written
      + ', expected ' + docs);
  }
  await source.close();
  await target.close();
  fs.rmSync(base, { recursive: true, force: true });
  console.log(JSON.stringify({
    pouchdb: require('pouchdb/package.json').version,
    node: process.version,
    docs,
    batchSize,
    fillSeconds: Number(fillSeconds.toFixed(3)),
    seconds: Number(seconds.toFixed(3)),
    docsPerSecond: Math.round(docs / seconds),
  }));
}

main().catch((error) => {
  fs.rmSync(base, { recursive: true, force: true });
  console.error(error);
  process.exit(1);
});
