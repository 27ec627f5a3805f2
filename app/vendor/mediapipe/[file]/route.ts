import { readFile } from "node:fs/promises";
import { VENDOR_ASSETS, vendorAsset } from "@/lib/media/vendor-assets";

// Read from node_modules once, at build time: the running server (and the Docker image's
// standalone output) serves the built copies and needs no node_modules for them.
export const dynamic = "force-static";
export const dynamicParams = false;

/** MediaPipe's wasm runtime (an allow-list; decision 024). */
export async function GET(_request: Request, context: { params: Promise<{ file: string }> }) {
  const asset = vendorAsset((await context.params).file);
  if (!asset) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain" } });
  const body = await readFile(asset.file);
  return new Response(new Uint8Array(body), {
    headers: { "Content-Type": asset.contentType, "Cache-Control": "public, max-age=86400" },
  });
}

export function generateStaticParams() {
  return Object.keys(VENDOR_ASSETS).map((file) => ({ file }));
}
