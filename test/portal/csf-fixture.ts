/**
 * A SYNTHETIC Constancia de Situación Fiscal made with pdfkit for the portal tests: the labels and their
 * order follow SAT's real layout (Cédula de identificación fiscal, "Datos de Identificación del
 * Contribuyente", domicilio, régimenes table), but the document is not issued by SAT and its data are
 * test values (RFC and names of SAT's public test material or invented).
 */
import PDFDocument from 'pdfkit';

export interface CsfFixture {
  rfc: string;
  /** Persona física: given names and surnames; moral: razón social. */
  nombre?: string;
  primerApellido?: string;
  segundoApellido?: string;
  razonSocial?: string;
  regimenCapital?: string;
  cp: string;
  regimen: string;
}

export function csfPdf(data: CsfFixture): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 50,
    info: { Title: 'Constancia de Situación Fiscal (sintética)' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const row = (label: string, value: string) => {
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(9).text(label, 50, y, { width: 200 });
    doc.font('Helvetica').fontSize(9).text(value, 260, y, { width: 300 });
    doc.moveDown(0.4);
  };
  doc.font('Helvetica-Bold').fontSize(12).text('CONSTANCIA DE SITUACIÓN FISCAL', { align: 'center' });
  doc
    .font('Helvetica')
    .fontSize(8)
    .text('Documento sintético para pruebas; no lo emitió el SAT.', { align: 'center' });
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(10).text('CÉDULA DE IDENTIFICACIÓN FISCAL');
  doc.font('Helvetica').fontSize(9).text(`${data.rfc}`);
  doc.text('idCIF: 12345678901');
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(10).text('Datos de Identificación del Contribuyente:');
  doc.moveDown(0.3);
  row('RFC:', data.rfc);
  if (data.razonSocial) {
    row('Denominación/Razón Social:', data.razonSocial);
    row('Régimen Capital:', data.regimenCapital ?? 'SOCIEDAD ANONIMA DE CAPITAL VARIABLE');
    row('Nombre Comercial:', '');
  } else {
    row('CURP:', 'COSC800113HDFRTR09');
    row('Nombre (s):', data.nombre ?? '');
    row('Primer Apellido:', data.primerApellido ?? '');
    row('Segundo Apellido:', data.segundoApellido ?? '');
  }
  row('Fecha inicio de operaciones:', '13 DE ENERO DE 2010');
  row('Estatus en el padrón:', 'ACTIVO');
  row('Fecha de último cambio de estado:', '13 DE ENERO DE 2010');
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(10).text('Datos del domicilio registrado', 50);
  doc.moveDown(0.3);
  row('Código Postal:', data.cp);
  row('Tipo de Vialidad:', 'CALLE');
  row('Nombre de Vialidad:', 'INDEPENDENCIA');
  row('Número Exterior:', '120');
  row('Nombre de la Colonia:', 'CENTRO');
  row('Nombre del Municipio o Demarcación Territorial:', 'TOLUCA');
  row('Nombre de la Entidad Federativa:', 'MEXICO');
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(10).text('Regímenes:', 50);
  doc.moveDown(0.3);
  row('Régimen', 'Fecha Inicio      Fecha Fin');
  row(data.regimen, '13/01/2010');
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(10).text('Obligaciones:', 50);
  doc.font('Helvetica').fontSize(9).text('Declaración anual de ISR.', 50);
  doc.end();
  return done;
}
