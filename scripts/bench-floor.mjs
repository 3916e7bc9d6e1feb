#!/usr/bin/env node
// The floor of the benchmark: open the workbook, inflate the visit sheet (the first sheet) and
// scan its XML once with saxes, doing nothing with it. No reader can do less and still read it.
import yauzl from 'yauzl';
import { SaxesParser } from 'saxes';

const path = process.argv[2];
const zip = await new Promise((res, rej) => yauzl.open(path, { lazyEntries: true, autoClose: false }, (e, z) => (e ? rej(e) : res(z))));
const entry = await new Promise((res, rej) => {
  zip.on('entry', (e) => (e.fileName === 'xl/worksheets/sheet1.xml' ? res(e) : zip.readEntry()));
  zip.on('end', () => rej(new Error('no sheet1')));
  zip.readEntry();
});
const stream = await new Promise((res, rej) => zip.openReadStream(entry, (e, s) => (e ? rej(e) : res(s))));
stream.setEncoding('utf8');
const parser = new SaxesParser();
let tags = 0;
parser.on('opentag', () => tags++);
for await (const chunk of stream) parser.write(chunk);
parser.close();
zip.close();
if (tags === 0) process.exit(2);
