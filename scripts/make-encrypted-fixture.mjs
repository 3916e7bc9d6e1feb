#!/usr/bin/env node
// LibreOffice headless does not encrypt OOXML on save, so the password-protected fixture is made
// by xlsx-populate, which writes Office's agile encryption (an OLE2 file with EncryptionInfo and
// EncryptedPackage streams), from the LibreOffice-authored roster. Password: taizhang.
import { readFile, writeFile } from 'node:fs/promises';
import XlsxPopulate from 'xlsx-populate';

const src = new URL('../test/fixtures/lo/basic/党员名册.xlsx', import.meta.url);
const out = new URL('../test/fixtures/encrypted.xlsx', import.meta.url);
const workbook = await XlsxPopulate.fromDataAsync(await readFile(src));
await writeFile(out, await workbook.outputAsync({ password: 'taizhang' }));
console.log(`written ${out.pathname}`);
