import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import { NativeConnection, type NativeConnectionOptions } from '@temporalio/worker';
import { readFileSync } from 'node:fs';
import type { TConfig } from '../domain/config';

/**
 * Connection options for an external Temporal: plain (self-hosted, no TLS), mTLS with a client
 * certificate (self-hosted or Temporal Cloud), or an API key (Temporal Cloud; implies TLS).
 */
export function temporalConnectionOptions(config: TConfig, address: string): ConnectionOptions & NativeConnectionOptions {
  const useTls = config.TEMPORAL_TLS || !!config.TEMPORAL_TLS_CERT_PATH || !!config.TEMPORAL_API_KEY;
  const tls = useTls
    ? {
        ...(config.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: config.TEMPORAL_TLS_SERVER_NAME } : {}),
        ...(config.TEMPORAL_TLS_CA_PATH ? { serverRootCACertificate: readFileSync(config.TEMPORAL_TLS_CA_PATH) } : {}),
        ...(config.TEMPORAL_TLS_CERT_PATH && config.TEMPORAL_TLS_KEY_PATH
          ? { clientCertPair: { crt: readFileSync(config.TEMPORAL_TLS_CERT_PATH), key: readFileSync(config.TEMPORAL_TLS_KEY_PATH) } }
          : {}),
      }
    : undefined;
  return {
    address,
    ...(tls ? { tls } : {}),
    ...(config.TEMPORAL_API_KEY ? { apiKey: config.TEMPORAL_API_KEY } : {}),
  };
}

/**
 * A client connection for the API and a native connection for the Worker, to the same server. If the
 * second cannot be made, the first is closed before the error is thrown, so a failed start leaves no
 * connection open. Close the client connection only once nothing uses it (the API closed), and the
 * native connection only once the Worker has shut down.
 */
export async function connectTemporal(config: TConfig, address: string) {
  const options = temporalConnectionOptions(config, address);
  const connection = await Connection.connect(options);
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  try {
    const nativeConnection = await NativeConnection.connect(options);
    return { connection, client, nativeConnection };
  } catch (error) {
    await connection.close();
    throw error;
  }
}
