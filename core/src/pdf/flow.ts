/**
 * The vertical flow of content between the page header and footer: a cursor `y` that sections move
 * down, and a page break when a block does not fit. Listeners run on each new page (the conceptos table
 * repeats its column headings there). Header, footer and marks are drawn later over every page.
 */
export interface PageGeometry {
  width: number;
  height: number;
  margin: number;
  /** Where content starts below the page header. */
  contentTop: number;
  /** Where content must end above the footer. */
  contentBottom: number;
}

export class Flow {
  y: number;
  private readonly listeners: (() => void)[] = [];

  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly page: PageGeometry,
  ) {
    this.y = page.contentTop;
  }

  get left(): number {
    return this.page.margin;
  }

  get width(): number {
    return this.page.width - 2 * this.page.margin;
  }

  /** Space left on the current page. */
  remaining(): number {
    return this.page.contentBottom - this.y;
  }

  /** Height available on a fresh page. */
  pageCapacity(): number {
    return this.page.contentBottom - this.page.contentTop;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = this.page.contentTop;
    for (const listener of this.listeners) listener();
  }

  /** Starts a new page unless `height` fits on this one (or this page is still empty). */
  ensure(height: number): void {
    if (height > this.remaining() && this.y > this.page.contentTop) this.newPage();
  }

  /** Runs `listener` on every page break until the returned function is called. */
  onNewPage(listener: () => void): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }
}
