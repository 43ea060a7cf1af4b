/**
 * Lower-case and strip Vietnamese diacritics (đ → d) and collapse white space, so that a search for
 * "nguyen van an" finds "Nguyễn Văn An". Used both when storing `search_text` and when searching.
 */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
