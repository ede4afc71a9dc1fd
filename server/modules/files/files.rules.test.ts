import { describe, expect, test } from 'vitest';
import { cleanFileName, contentDisposition, detectFileType } from './files.rules.js';

const zipWith = (entry: string, extra = '') => {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(entry.length, 26);
  return Buffer.concat([header, Buffer.from(entry + extra, 'latin1')]);
};

describe('types are judged by their bytes', () => {
  test('documents, images, audio and video on the list are recognised whatever their name says', () => {
    expect(detectFileType(Buffer.from('%PDF-1.7 ...'), 'report.pdf')).toBe('pdf');
    expect(detectFileType(Buffer.from('%PDF-1.7 ...'), 'photo.jpg')).toBe('pdf');
    expect(detectFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'IMG_1.JPG')).toBe('jpeg');
    expect(detectFileType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'a.png')).toBe('png');
    expect(detectFileType(Buffer.from('GIF89a....'), 'a.gif')).toBe('gif');
    expect(detectFileType(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'), 'a.webp')).toBe('webp');
    expect(detectFileType(Buffer.from('\x00\x00\x00\x18ftypmp42', 'latin1'), 'lesson.mp4')).toBe('mp4');
    expect(detectFileType(Buffer.from('\x00\x00\x00\x18ftypM4A ', 'latin1'), 'voice.m4a')).toBe('m4a');
    expect(detectFileType(Buffer.from('ID3\x03\x00', 'latin1'), 'song.mp3')).toBe('mp3');
  });

  test('ZIP and OLE containers must agree with the extension', () => {
    expect(detectFileType(zipWith('[Content_Types].xml'), 'essay.docx')).toBe('docx');
    expect(detectFileType(zipWith('[Content_Types].xml'), 'essay.zip')).toBeNull();
    expect(detectFileType(zipWith('mimetype', 'application/vnd.oasis.opendocument.text'), 'essay.odt')).toBe('odt');
    expect(detectFileType(zipWith('mimetype', 'application/vnd.oasis.opendocument.text'), 'essay.ods')).toBeNull();
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]);
    expect(detectFileType(ole, 'old.doc')).toBe('doc');
    expect(detectFileType(ole, 'old.msi')).toBeNull();
  });

  test('plain text is UTF-8 without control characters, named .txt', () => {
    expect(detectFileType(Buffer.from('Сәлем, әлем!\n'), 'жауап.txt')).toBe('txt');
    // a multi-byte letter cut at the end of the sniffed head is still text
    expect(detectFileType(Buffer.from('Сәлем').subarray(0, 3), 'a.txt')).toBe('txt');
    expect(detectFileType(Buffer.from([0x61, 0, 0x62]), 'a.txt')).toBeNull();
    expect(detectFileType(Buffer.from([0xc3, 0x28]), 'a.txt')).toBeNull();
    expect(detectFileType(Buffer.from('hello'), 'a.csv')).toBeNull();
  });

  test('programs, web pages and scripts are not accepted, even renamed', () => {
    expect(detectFileType(Buffer.from('MZ\x90\x00', 'latin1'), 'homework.pdf')).toBeNull();
    expect(detectFileType(Buffer.from('<!doctype html><script>'), 'page.html')).toBeNull();
    expect(detectFileType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg">'), 'a.svg')).toBeNull();
    expect(detectFileType(Buffer.from('\x7fELF', 'latin1'), 'a.txt')).toBeNull();
  });
});

describe('file names', () => {
  test('keep the name a person gave, without directories or control characters', () => {
    expect(cleanFileName('C:\\fakepath\\Үй жұмысы №3.pdf')).toBe('Үй жұмысы №3.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0000b\nc.txt')).toBe('abc.txt');
    // a right-to-left override would show "жауапfdp.exe" as "жауапexe.pdf"
    expect(cleanFileName('жауап\u202Efdp.exe')).toBe('жауапfdp.exe');
    expect(cleanFileName('ж\u200Bауап\u2066.pdf')).toBe('жауап.pdf');
    expect(cleanFileName('')).toBe('file');
    expect(cleanFileName(`${'ә'.repeat(300)}.docx`)).toMatch(/^ә+\.docx$/);
    expect(cleanFileName(`${'ә'.repeat(300)}.docx`).length).toBe(255);
  });

  test('travel back in Content-Disposition with an ASCII fallback and the RFC 5987 UTF-8 form', () => {
    expect(contentDisposition('Үй жұмысы.pdf')).toBe(
      `attachment; filename="__ ______.pdf"; filename*=UTF-8''%D2%AE%D0%B9%20%D0%B6%D2%B1%D0%BC%D1%8B%D1%81%D1%8B.pdf`,
    );
    expect(contentDisposition('a "quoted" (1)*.txt', 'inline')).toBe(
      `inline; filename="a _quoted_ (1)*.txt"; filename*=UTF-8''a%20%22quoted%22%20%281%29%2A.txt`,
    );
  });
});
