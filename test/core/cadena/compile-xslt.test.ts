import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileProgram, runProgram } from '../../../core/src/cfdi/cadena/compile-program.js';
import { CADENA_SPEC } from '../../../core/src/cfdi/cadena/spec.js';
import { XmlError } from '../../../core/src/errors.js';
import { parseXml } from '../../../core/src/xml/parse.js';
import { compileStylesheet } from '../../../scripts/cadena/compile-stylesheet.js';
import { compileCadenaSpec, SPEC_PATH } from '../../../scripts/cadena/compile-xslt.js';
import { PrefixTable } from '../../../scripts/cadena/prefix-table.js';
import { SAT_CFD } from './sat-samples.js';

describe('compile-xslt (SAT XSLT -> core/data/cadena/spec.json)', () => {
  it('reproduces the committed spec from SAT stylesheets (nobody edits it by hand)', () => {
    const committed: unknown = JSON.parse(readFileSync(SPEC_PATH, 'utf8'));
    assert.deepEqual(compileCadenaSpec(), committed, 'run: node --import tsx scripts/cadena/compile-xslt.ts');
  });

  it('compiles the CFDI 4.0 sheet with every complement it includes, and notes the sources', () => {
    const { cfdi40, tfd11 } = CADENA_SPEC.stylesheets;
    assert.deepEqual(cfdi40.refused, []);
    assert.equal(cfdi40.sources.length, 34);
    assert.ok(
      cfdi40.sources.every(
        (s) => /^www\.sat\.gob\.mx\/.+\.xslt$/.test(s.file) && /^[0-9a-f]{64}$/.test(s.sha256),
      ),
    );
    for (const match of [
      '/',
      'cfdi:Comprobante',
      'pago20:Pagos',
      'nomina12:Nomina',
      'cartaporte31:CartaPorte',
    ]) {
      assert.ok(cfdi40.templates[match], `template ${match}`);
    }
    // vehiculousado.xslt also matches "/": XSLT keeps the last definition, the 4.0 sheet's own.
    assert.deepEqual(cfdi40.overridden, [
      { match: '/', file: 'www.sat.gob.mx/sitio_internet/cfd/vehiculousado/vehiculousado.xslt' },
    ]);
    assert.deepEqual(Object.keys(tfd11.templates), ['/', 'tfd:TimbreFiscalDigital']);
  });

  describe('a complement sheet outside the supported subset', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'cadena-compile-'));
      mkdirSync(join(dir, 'x'));
      copyFileSync(join(SAT_CFD, '2', 'cadenaoriginal_2_0', 'utilerias.xslt'), join(dir, 'utilerias.xslt'));
      writeFileSync(
        join(dir, 'x', 'raro.xslt'),
        `<xsl:stylesheet version="2.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:raro="urn:raro">
  <xsl:template match="raro:Raro"><xsl:choose><xsl:when test="@a">|a</xsl:when></xsl:choose></xsl:template>
</xsl:stylesheet>`,
      );
      writeFileSync(
        join(dir, 'main.xslt'),
        `<xsl:stylesheet version="2.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:c="urn:c">
  <xsl:output method="text"/>
  <xsl:include href="utilerias.xslt"/>
  <xsl:include href="x/raro.xslt"/>
  <xsl:template match="/">|<xsl:apply-templates select="/c:Doc"/>||</xsl:template>
  <xsl:template match="c:Doc">
    <xsl:call-template name="Requerido"><xsl:with-param name="valor" select="./@V"/></xsl:call-template>
    <xsl:for-each select="./c:Complemento/*"><xsl:apply-templates select="."/></xsl:for-each>
  </xsl:template>
</xsl:stylesheet>`,
      );
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('is refused as a whole, naming its namespaces and the reason', () => {
      const prefixes = new PrefixTable();
      const sheet = compileStylesheet(join(dir, 'main.xslt'), dir, prefixes);
      assert.deepEqual(sheet.refused, [
        { file: 'x/raro.xslt', namespaces: ['urn:raro'], reason: 'raro:Raro: xsl:choose' },
      ]);
      assert.equal(sheet.templates['raro:Raro'], undefined);

      const program = compileProgram(sheet, prefixes.toJSON());
      assert.equal(runProgram(program, parseXml('<c:Doc xmlns:c="urn:c" V=" 1  2 "/>')), '||1 2||');
      const withRaro = parseXml(
        '<c:Doc xmlns:c="urn:c" V="1"><c:Complemento><r:Raro xmlns:r="urn:raro" a="x"/></c:Complemento></c:Doc>',
      );
      assert.throws(
        () => runProgram(program, withRaro),
        (e: unknown) =>
          e instanceof XmlError && e.code === 'CADENA_COMPLEMENT_UNSUPPORTED' && /r:Raro/.test(e.message),
      );
    });

    it('refuses to compile a main sheet that leaves the subset', () => {
      writeFileSync(
        join(dir, 'bad-main.xslt'),
        `<xsl:stylesheet version="2.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:c="urn:c">
  <xsl:template match="c:Doc"><xsl:value-of select="@V"/></xsl:template>
</xsl:stylesheet>`,
      );
      assert.throws(
        () => compileStylesheet(join(dir, 'bad-main.xslt'), dir, new PrefixTable()),
        /must compile.*xsl:value-of/,
      );
    });
  });
});
