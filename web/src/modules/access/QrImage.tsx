import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/**
 * A pass as a QR code image. The pass text is base45, which is exactly QR's alphanumeric set, so the
 * code stays small; error correction M survives a scratched screen. Drawn on the device, no request.
 */
export function QrImage({ text, alt }: { text: string; alt: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 4, width: 640, color: { dark: '#000000', light: '#ffffff' } })
      .then((u) => {
        if (live) setUrl(u);
      })
      .catch(() => {
        if (live) setUrl(null);
      });
    return () => {
      live = false;
    };
  }, [text]);
  return url ? (
    <img className="access-qr" src={url} alt={alt} width={320} height={320} data-testid="pass-qr" />
  ) : (
    <div className="access-qr access-qr--empty" />
  );
}
