/**
 * A trigger over one of autofactura's event types, in its two forms:
 * - REST hook (instant): subscribes Zapier's URL through POST /v1/webhook_endpoints, checks each delivery's
 *   signature with the secret it got then, and unsubscribes with DELETE; `performList` reads the newest
 *   events for samples;
 * - polling (the fallback for servers that cannot reach Zapier): GET /v1/events?order=desc, newest first;
 *   Zapier dedupes on `id` (the object's id, one event per fact and type).
 * Both give `data.object` with every field of the sample, plus the event's id, type and time.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { apiUrl } from './http.js';
import { say } from './lang.js';
import { withAllFields } from './samples.js';
import { SIGNATURE_MESSAGES, signatureProblem } from './signature.js';

export interface EventTriggerSpec<T extends object> {
  key: string;
  noun: string;
  eventType: string;
  label: string;
  description: string;
  sample: T;
  outputFields: { key: string; label: string; type?: string }[];
  /** Events whose object does not qualify (e.g. only receipts invoiced by the customer) are skipped. */
  accept?: (object: Record<string, unknown>) => boolean;
}

interface EventJson {
  id: string;
  type: string;
  created_at: string;
  data: { object: Record<string, unknown> };
}

const eventFields = {
  event_id: 'evt_13abc107-003e-4314-b94a-0462e4a2f0d6',
  event_type: '',
  event_created_at: '',
};

function fromEvent<T extends object>(spec: EventTriggerSpec<T>, event: EventJson) {
  return {
    ...withAllFields(spec.sample, event.data.object),
    event_id: event.id,
    event_type: event.type,
    event_created_at: event.created_at,
  };
}

export function sampleOf<T extends object>(spec: EventTriggerSpec<T>) {
  return {
    ...spec.sample,
    ...eventFields,
    event_type: spec.eventType,
    event_created_at: (spec.sample as { updated_at?: string }).updated_at ?? '2026-12-04T22:19:27.284Z',
  };
}

async function listEvents<T extends object>(spec: EventTriggerSpec<T>, z: ZObject, bundle: Bundle) {
  const limit = bundle.meta?.limit && bundle.meta.limit > 0 ? Math.min(bundle.meta.limit, 100) : 50;
  const response = await z.request<{ data: EventJson[] }>({
    url: apiUrl(bundle, '/v1/events'),
    params: { type: spec.eventType, order: 'desc', limit: String(limit) },
  });
  return response.data.data
    .filter((event) => !spec.accept || spec.accept(event.data.object))
    .map((event) => fromEvent(spec, event));
}

function outputFields<T extends object>(spec: EventTriggerSpec<T>) {
  return [
    ...spec.outputFields,
    { key: 'event_id', label: 'ID del evento' },
    { key: 'event_created_at', label: 'Fecha del evento', type: 'datetime' },
  ];
}

export function hookTrigger<T extends object>(spec: EventTriggerSpec<T>) {
  return {
    key: spec.key,
    noun: spec.noun,
    display: { label: spec.label, description: spec.description },
    operation: {
      type: 'hook' as const,
      performSubscribe: async (z: ZObject, bundle: Bundle) => {
        const response = await z.request({
          url: apiUrl(bundle, '/v1/webhook_endpoints'),
          method: 'POST',
          body: { url: bundle.targetUrl, events: [spec.eventType], description: `Zapier: ${spec.label}` },
        });
        return response.data as { id: string; secret: string };
      },
      performUnsubscribe: async (z: ZObject, bundle: Bundle) => {
        const id = (bundle.subscribeData as { id?: string } | undefined)?.id;
        const response = await z.request({
          url: apiUrl(bundle, `/v1/webhook_endpoints/${encodeURIComponent(String(id))}`),
          method: 'DELETE',
        });
        return response.data ?? {};
      },
      perform: async (z: ZObject, bundle: Bundle) => {
        const secret = (bundle.subscribeData as { secret?: string } | undefined)?.secret;
        const raw = bundle.rawRequest as { content?: string; headers?: Record<string, unknown> } | undefined;
        if (secret && raw?.content && raw.headers) {
          const problem = signatureProblem(raw.content, raw.headers, secret);
          if (problem) {
            const [es, en] = SIGNATURE_MESSAGES[problem];
            throw new z.errors.Error(
              say(
                bundle,
                `Se descartó un aviso no auténtico: ${es}.`,
                `A delivery that is not authentic was discarded: ${en}.`,
              ),
              'BAD_SIGNATURE',
              401,
            );
          }
        }
        const event = bundle.cleanedRequest as EventJson;
        if (event?.type !== spec.eventType || !event.data?.object) return [];
        if (spec.accept && !spec.accept(event.data.object)) return [];
        return [fromEvent(spec, event)];
      },
      performList: (z: ZObject, bundle: Bundle) => listEvents(spec, z, bundle),
      sample: sampleOf(spec),
      outputFields: outputFields(spec),
    },
  };
}

export function pollingTrigger<T extends object>(spec: EventTriggerSpec<T>) {
  const key = `${spec.key}_polling`;
  return {
    key,
    noun: spec.noun,
    display: {
      label: `${spec.label} (consulta periódica)`,
      description: `${spec.description} Consulta tu servidor cada pocos minutos: úsalo solo si tu servidor no puede enviar avisos (webhooks) a Zapier.`,
    },
    operation: {
      type: 'polling' as const,
      perform: (z: ZObject, bundle: Bundle) => listEvents(spec, z, bundle),
      canPaginate: false,
      sample: sampleOf(spec),
      outputFields: outputFields(spec),
    },
  };
}
