// A fixed-width text grid laid out the way benchstat lays out its tables: cells may span columns,
// each column's left margin is the widest margin given in it, and "shrink" columns never widen
// to fit a spanning cell (the other columns of the span do).

export type Align = 'left' | 'center' | 'right';

interface Cell {
  row: number;
  col: number;
  span: number;
  value: string;
  margin: string;
  align: Align;
}

export interface CellOptions {
  align?: Align;
  /** Text before the cell; a single space by default, none in column 0 or for an empty value. */
  margin?: string;
}

const runes = (s: string): number => [...s].length;
/** Go's `%*s` of "": a negative width pads just the same. */
const spaces = (n: number): string => ' '.repeat(Math.abs(n));

export class TextTable {
  private readonly cells: Cell[] = [];
  private readonly shrink = new Set<number>();
  private cols = 0;
  private row = 0;
  private col = 0;

  /** Starts a new row (the first call starts row 0). */
  nextRow(): this {
    if (this.cells.length > 0) this.row++;
    this.col = 0;
    return this;
  }

  moveTo(col: number): this {
    if (col < this.col) throw new RangeError(`cannot move from column ${this.col} back to ${col}`);
    this.col = col;
    return this;
  }

  get currentCol(): number {
    return this.col;
  }

  cell(value: string, options: CellOptions = {}): this {
    return this.span(1, value, options);
  }

  span(cols: number, value: string, options: CellOptions = {}): this {
    const margin = options.margin ?? (this.col === 0 || value.length === 0 ? '' : ' ');
    this.cells.push({ row: this.row, col: this.col, span: cols, value, margin, align: options.align ?? 'left' });
    this.col += cols;
    this.cols = Math.max(this.cols, this.col);
    return this;
  }

  setShrink(col: number): void {
    this.shrink.add(col);
  }

  format(): string {
    const margins = new Array<number>(this.cols).fill(0);
    for (const cell of this.cells) margins[cell.col] = Math.max(margins[cell.col], runes(cell.margin));
    const widths = this.columnWidths(margins);
    const offsets = [0];
    for (const width of widths) offsets.push(offsets[offsets.length - 1] + width);

    const ordered = [...this.cells].sort((a, b) => a.row - b.row || a.col - b.col);
    let out = '';
    let row = 0;
    let pos = 0;
    for (const cell of ordered) {
      if (cell.value.trim() === '' && cell.margin.trim() === '') continue;
      for (; row < cell.row; row++) {
        out += '\n';
        pos = 0;
      }
      const gap = offsets[cell.col] - pos;
      out += spaces(gap) + cell.margin.padStart(margins[cell.col] + cell.margin.length - runes(cell.margin));
      // Like benchstat, count a negative gap (after an overflowing cell) as negative.
      pos += gap + margins[cell.col];
      const text = pad(cell.value, offsets[cell.col + cell.span] - offsets[cell.col] - margins[cell.col], cell.align);
      out += text;
      pos += runes(text);
    }
    return this.cells.length > 0 ? `${out}\n` : out;
  }

  /** Single-column cells set widths first; a spanning cell then widens the non-shrink columns it covers. */
  private columnWidths(margins: readonly number[]): number[] {
    const widths = new Array<number>(this.cols).fill(0);
    const bySpan = [...this.cells].sort((a, b) => a.span - b.span);
    for (const cell of bySpan) {
      let need = runes(cell.value) + margins[cell.col];
      const covered = Array.from({ length: cell.span }, (_, i) => cell.col + i);
      if (cell.span === 1) {
        widths[cell.col] = Math.max(widths[cell.col], need);
        continue;
      }
      if (covered.reduce((sum, col) => sum + widths[col], 0) >= need) continue;
      const growable = covered.filter((col) => {
        if (this.shrink.has(col)) need -= widths[col];
        return !this.shrink.has(col);
      });
      growable.sort((a, b) => widths[b] - widths[a]);
      let left = growable.length;
      for (const col of growable) {
        widths[col] = Math.max(widths[col], Math.trunc((need + left - 1) / left));
        need -= widths[col];
        left--;
      }
    }
    return widths;
  }
}

function pad(value: string, width: number, align: Align): string {
  const length = runes(value);
  switch (align) {
    case 'center':
      return spaces(Math.trunc((width - length) / 2)) + value;
    case 'right':
      return width >= 0 ? spaces(Math.max(0, width - length)) + value : value + spaces(Math.max(0, -width - length));
    default:
      return value;
  }
}
