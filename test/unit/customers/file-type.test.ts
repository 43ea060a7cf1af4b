import { describe, expect, it } from 'vitest';
import { fileNameForType, sniffAttachmentType } from '@/domain/customers/file-type';

describe('fileNameForType', () => {
  it('replaces an extension that does not name the sniffed type', () => {
    expect(fileNameForType('x.html', 'application/pdf')).toBe('x.pdf');
    expect(fileNameForType('anh.svg', 'image/png')).toBe('anh.png');
    expect(fileNameForType('Biên bản.exe', 'image/jpeg')).toBe('Biên bản.jpg');
  });

  it('keeps an extension that already names the type, in any case or spelling', () => {
    expect(fileNameForType('scan.PDF', 'application/pdf')).toBe('scan.PDF');
    expect(fileNameForType('anh.jpeg', 'image/jpeg')).toBe('anh.jpeg');
    expect(fileNameForType('ban-ve.tiff', 'image/tiff')).toBe('ban-ve.tiff');
  });

  it('adds the extension to a name without one, or made only of an extension', () => {
    expect(fileNameForType('hop-dong', 'application/pdf')).toBe('hop-dong.pdf');
    expect(fileNameForType('.html', 'application/pdf')).toBe('tep-dinh-kem.pdf');
    expect(fileNameForType('bản 2.0 final', 'image/png')).toBe('bản 2.0 final.png');
  });

  it('matches the types sniffAttachmentType decides', () => {
    expect(sniffAttachmentType(new TextEncoder().encode('%PDF-1.7'))).toBe('application/pdf');
    expect(
      fileNameForType('a.txt', sniffAttachmentType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))!),
    ).toBe('a.png');
  });
});
