import protobuf from 'protobufjs';

/**
 * The part of BuildKit's progress message that the app reads, as a protobufjs JSON descriptor.
 * Field names and numbers are those of moby/buildkit `api/services/control/control.proto`
 * (package moby.buildkit.v1, unchanged from v0.11 to v0.32 and dockerfile/1.26.0) and
 * `google/protobuf/timestamp.proto`. The engine sends it, marshalled, as the base64 `aux` of each
 * `moby.buildkit.trace` event (moby `daemon/internal/builder-next/builder.go`). Fields the app
 * does not read (warnings, a vertex's inputs and progress group, a status's timestamps) are left
 * out: protobuf skips unknown fields, so a newer engine that adds some still decodes.
 */
const descriptor = {
  nested: {
    google: {
      nested: {
        protobuf: {
          nested: {
            Timestamp: {
              fields: {
                seconds: { type: 'int64', id: 1 },
                nanos: { type: 'int32', id: 2 },
              },
            },
          },
        },
      },
    },
    moby: {
      nested: {
        buildkit: {
          nested: {
            v1: {
              nested: {
                StatusResponse: {
                  fields: {
                    vertexes: { rule: 'repeated', type: 'Vertex', id: 1 },
                    statuses: { rule: 'repeated', type: 'VertexStatus', id: 2 },
                    logs: { rule: 'repeated', type: 'VertexLog', id: 3 },
                  },
                },
                Vertex: {
                  fields: {
                    digest: { type: 'string', id: 1 },
                    name: { type: 'string', id: 3 },
                    cached: { type: 'bool', id: 4 },
                    started: { type: 'google.protobuf.Timestamp', id: 5 },
                    completed: { type: 'google.protobuf.Timestamp', id: 6 },
                    error: { type: 'string', id: 7 },
                  },
                },
                VertexStatus: {
                  fields: {
                    ID: { type: 'string', id: 1 },
                    vertex: { type: 'string', id: 2 },
                    name: { type: 'string', id: 3 },
                    current: { type: 'int64', id: 4 },
                    total: { type: 'int64', id: 5 },
                    completed: { type: 'google.protobuf.Timestamp', id: 8 },
                  },
                },
                VertexLog: {
                  fields: {
                    vertex: { type: 'string', id: 1 },
                    stream: { type: 'int64', id: 3 },
                    msg: { type: 'bytes', id: 4 },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

export const StatusResponseType = protobuf.Root.fromJSON(descriptor).lookupType('moby.buildkit.v1.StatusResponse');
