/**
 * From what the code imports to what pip installs. The names differ often enough (`sklearn` is
 * scikit-learn, `cv2` is opencv-python) that guessing the import name as the distribution name
 * would build broken images. Three layers, most specific first:
 *  1. explicit entries, matched on the longest dotted prefix (`google.cloud.storage` before `google`);
 *  2. naming conventions of namespace families (`google.cloud.x` → google-cloud-x, `flask_x` → flask-x);
 *  3. the import name itself: certain for names we list as published under that name, a guess otherwise.
 */

export type MappingKind = 'mapping' | 'pattern' | 'identity';

export interface DistributionGuess {
  distribution: string;
  kind: MappingKind;
  /** True for explicit entries and listed same-name distributions: the name is known, not guessed. */
  known: boolean;
  /** The import path (or prefix) the guess rests on, e.g. `sklearn` or `google.cloud.storage`. */
  importName: string;
  note: string | null;
}

const OPENCV_NOTE =
  'In a container without a display, opencv-python-headless avoids the libGL system dependency.';
const PYWIN32_NOTE = 'Windows only: it does not install in a Linux container image.';

// [import path, distribution, note?]
const EXPLICIT: ReadonlyArray<readonly [string, string, string?]> = [
  ['sklearn', 'scikit-learn'],
  ['cv2', 'opencv-python', OPENCV_NOTE],
  ['PIL', 'pillow'],
  ['yaml', 'PyYAML'],
  ['bs4', 'beautifulsoup4'],
  ['skimage', 'scikit-image'],
  ['dateutil', 'python-dateutil'],
  ['dotenv', 'python-dotenv'],
  ['google.cloud.storage', 'google-cloud-storage'],
  ['google.cloud.bigquery', 'google-cloud-bigquery'],
  ['google.cloud.bigquery_storage', 'google-cloud-bigquery-storage'],
  ['google.cloud.bigquery_storage_v1', 'google-cloud-bigquery-storage'],
  ['google.cloud.pubsub', 'google-cloud-pubsub'],
  ['google.cloud.pubsub_v1', 'google-cloud-pubsub'],
  ['google.cloud.firestore', 'google-cloud-firestore'],
  ['google.cloud.aiplatform', 'google-cloud-aiplatform'],
  ['google.cloud.secretmanager', 'google-cloud-secret-manager'],
  ['google.cloud.resourcemanager', 'google-cloud-resource-manager'],
  ['google.cloud.resourcemanager_v3', 'google-cloud-resource-manager'],
  ['google.cloud.sql.connector', 'cloud-sql-python-connector'],
  ['google.cloud.logging', 'google-cloud-logging'],
  ['google.cloud.translate', 'google-cloud-translate'],
  ['google.cloud.vision', 'google-cloud-vision'],
  ['google.cloud.speech', 'google-cloud-speech'],
  ['google.cloud.language', 'google-cloud-language'],
  ['google.cloud.datastore', 'google-cloud-datastore'],
  ['google.cloud.spanner', 'google-cloud-spanner'],
  ['google.cloud.kms', 'google-cloud-kms'],
  ['google.protobuf', 'protobuf'],
  ['google.auth', 'google-auth'],
  ['google.oauth2', 'google-auth'],
  ['google.api', 'googleapis-common-protos'],
  ['google.rpc', 'googleapis-common-protos'],
  ['google.type', 'googleapis-common-protos'],
  ['google.longrunning', 'googleapis-common-protos'],
  ['googleapiclient', 'google-api-python-client'],
  ['Crypto', 'pycryptodome'],
  ['Cryptodome', 'pycryptodomex'],
  ['jwt', 'PyJWT'],
  ['fitz', 'PyMuPDF'],
  ['docx', 'python-docx'],
  ['pptx', 'python-pptx'],
  ['attr', 'attrs'],
  ['serial', 'pyserial'],
  ['usb', 'pyusb'],
  ['magic', 'python-magic', 'Needs the libmagic system library in the image.'],
  ['Levenshtein', 'python-Levenshtein'],
  ['sentence_transformers', 'sentence-transformers'],
  ['huggingface_hub', 'huggingface-hub'],
  ['OpenSSL', 'pyOpenSSL'],
  ['win32api', 'pywin32', PYWIN32_NOTE],
  ['win32con', 'pywin32', PYWIN32_NOTE],
  ['win32com', 'pywin32', PYWIN32_NOTE],
  ['win32gui', 'pywin32', PYWIN32_NOTE],
  ['win32file', 'pywin32', PYWIN32_NOTE],
  ['win32process', 'pywin32', PYWIN32_NOTE],
  ['win32clipboard', 'pywin32', PYWIN32_NOTE],
  ['pythoncom', 'pywin32', PYWIN32_NOTE],
  ['pywintypes', 'pywin32', PYWIN32_NOTE],
  [
    'psycopg2',
    'psycopg2-binary',
    'psycopg2-binary is the prebuilt wheel; psycopg2 itself builds from source and needs libpq-dev and a compiler.',
  ],
  ['MySQLdb', 'mysqlclient', 'Builds against libmysqlclient: the image needs its headers and a compiler.'],
  ['zmq', 'pyzmq'],
  ['gi', 'PyGObject', 'Needs the GObject introspection system libraries in the image.'],
  ['wx', 'wxPython'],
  ['pkg_resources', 'setuptools'],
  ['distutils', 'setuptools', 'distutils left the standard library in Python 3.12; setuptools provides it.'],
  ['mpl_toolkits', 'matplotlib'],
  ['mpl_toolkits.basemap', 'basemap'],
  ['github', 'PyGithub'],
  ['git', 'GitPython'],
  ['telegram', 'python-telegram-bot'],
  ['discord', 'discord.py'],
  ['slack', 'slackclient'],
  ['dns', 'dnspython'],
  ['nacl', 'PyNaCl'],
  ['jose', 'python-jose'],
  ['multipart', 'python-multipart'],
  ['socks', 'PySocks'],
  ['mysql.connector', 'mysql-connector-python'],
  ['snowflake.connector', 'snowflake-connector-python'],
  ['snowflake.snowpark', 'snowflake-snowpark-python'],
  ['databricks.sql', 'databricks-sql-connector'],
  ['databricks.sdk', 'databricks-sdk'],
  ['databricks.connect', 'databricks-connect'],
  ['kafka', 'kafka-python'],
  ['bson', 'pymongo'],
  ['gridfs', 'pymongo'],
  ['osgeo', 'GDAL', 'Builds against the system GDAL: the image needs libgdal-dev of the same version.'],
  ['Bio', 'biopython'],
  ['speech_recognition', 'SpeechRecognition'],
  ['faiss', 'faiss-cpu', 'faiss-gpu is the CUDA build.'],
  ['imblearn', 'imbalanced-learn'],
  ['umap', 'umap-learn'],
  ['skopt', 'scikit-optimize'],
  ['skbio', 'scikit-bio'],
  ['sksurv', 'scikit-survival'],
  ['airflow', 'apache-airflow'],
  ['newspaper', 'newspaper3k'],
  ['ldap', 'python-ldap'],
  ['Xlib', 'python-xlib'],
  ['odf', 'odfpy'],
  ['tabula', 'tabula-py'],
  ['camelot', 'camelot-py'],
  ['pdfminer', 'pdfminer.six'],
  ['barcode', 'python-barcode'],
  ['cairo', 'pycairo'],
  ['rest_framework', 'djangorestframework'],
  ['corsheaders', 'django-cors-headers'],
  ['crispy_forms', 'django-crispy-forms'],
  ['environ', 'django-environ'],
  ['decouple', 'python-decouple'],
  ['websocket', 'websocket-client'],
  ['socketio', 'python-socketio'],
  ['engineio', 'python-engineio'],
  ['grpc', 'grpcio'],
  ['grpc_tools', 'grpcio-tools'],
  ['grpc_status', 'grpcio-status'],
  ['snappy', 'python-snappy'],
  ['antlr4', 'antlr4-python3-runtime'],
  ['spellchecker', 'pyspellchecker'],
  ['vlc', 'python-vlc'],
  ['clr', 'pythonnet'],
  ['jnius', 'pyjnius'],
  ['jpype', 'JPype1'],
  ['pyximport', 'Cython'],
  ['slugify', 'python-slugify'],
  ['absl', 'absl-py'],
  ['gflags', 'python-gflags'],
  ['haiku', 'dm-haiku'],
  ['sonnet', 'dm-sonnet'],
  ['tree', 'dm-tree'],
  ['bluetooth', 'PyBluez'],
  ['RPi', 'RPi.GPIO'],
  ['OpenGL', 'PyOpenGL'],
  ['community', 'python-louvain'],
  ['opensearchpy', 'opensearch-py'],
  ['cassandra', 'cassandra-driver'],
  ['weaviate', 'weaviate-client'],
  ['factory', 'factory-boy'],
  ['_pytest', 'pytest'],
  ['ruamel.yaml', 'ruamel.yaml'],
  ['opentelemetry', 'opentelemetry-api'],
  ['opentelemetry.sdk', 'opentelemetry-sdk'],
  ['llama_index', 'llama-index'],
  ['llama_index.core', 'llama-index-core'],
  ['IPython', 'ipython'],
  [
    'torch',
    'torch',
    'The default Linux wheel bundles CUDA libraries (several GB); a CPU-only build comes from https://download.pytorch.org/whl/cpu.',
  ],
];

// Published under the same name as the import (after PEP 503 normalization): certain, not guessed.
const SAME_NAME: readonly string[] = [
  'numpy', 'pandas', 'scipy', 'matplotlib', 'seaborn', 'plotly', 'bokeh', 'altair', 'dash', 'streamlit',
  'gradio', 'panel', 'holoviews', 'hvplot', 'plotnine', 'statsmodels', 'polars', 'pyarrow', 'duckdb',
  'xgboost', 'lightgbm', 'catboost', 'tensorflow', 'keras', 'torchvision', 'torchaudio', 'torchtext',
  'tensorboard', 'tensorflow_hub', 'tensorflow_datasets', 'tensorflow_probability', 'tensorflow_addons',
  'tensorflow_text', 'tf_keras', 'tflite_runtime', 'jax', 'jaxlib', 'flax', 'optax', 'onnx', 'onnxruntime',
  'transformers', 'datasets', 'tokenizers', 'accelerate', 'peft', 'evaluate', 'diffusers', 'safetensors',
  'bitsandbytes', 'trl', 'timm', 'ultralytics', 'torchmetrics', 'kornia', 'albumentations', 'imgaug',
  'pytorch_lightning', 'lightning', 'torch_geometric', 'openai', 'anthropic', 'tiktoken', 'cohere',
  'langchain', 'langchain_core', 'langchain_community', 'langchain_openai', 'langgraph', 'chromadb',
  'pinecone', 'qdrant_client', 'pymilvus', 'nltk', 'spacy', 'gensim', 'textblob', 'langdetect', 'jieba',
  'sentencepiece', 'fasttext', 'stanza', 'flair', 'rouge_score', 'sacrebleu', 'wordcloud', 'emoji', 'ftfy',
  'inflect', 'num2words', 'fuzzywuzzy', 'rapidfuzz', 'thefuzz', 'jellyfish', 'editdistance', 'regex',
  'parse', 'pyparsing', 'lark', 'ply', 'rich', 'colorama', 'termcolor', 'tabulate', 'prettytable', 'typer',
  'click', 'fire', 'docopt', 'loguru', 'structlog', 'arrow', 'pendulum', 'pytz', 'tzlocal', 'babel',
  'dateparser', 'holidays', 'faker', 'freezegun', 'pytest', 'hypothesis', 'mock', 'responses', 'scrapy',
  'selenium', 'playwright', 'lxml', 'html5lib', 'cssselect', 'parsel', 'feedparser', 'tweepy', 'praw',
  'xmltodict', 'defusedxml', 'toml', 'tomli', 'tomli_w', 'tomlkit', 'ujson', 'orjson', 'simplejson',
  'msgpack', 'jsonschema', 'jmespath', 'jsonpath_ng', 'h5py', 'tables', 'netCDF4', 'xarray', 'zarr',
  'openpyxl', 'xlrd', 'xlwt', 'xlsxwriter', 'pyxlsb', 'xlwings', 'PyPDF2', 'pypdf', 'pdfplumber',
  'reportlab', 'pytesseract', 'easyocr', 'qrcode', 'pyzbar', 'imageio', 'graphviz', 'pydot', 'pygraphviz',
  'ipywidgets', 'ipykernel', 'nbformat', 'nbconvert', 'papermill', 'jupyter_client', 'jupyter_core',
  'requests', 'httpx', 'aiohttp', 'urllib3', 'certifi', 'idna', 'chardet', 'charset_normalizer',
  'fastapi', 'starlette', 'uvicorn', 'gunicorn', 'flask', 'django', 'werkzeug', 'jinja2', 'markupsafe',
  'itsdangerous', 'pydantic', 'pydantic_settings', 'marshmallow', 'sqlalchemy', 'alembic', 'sqlmodel',
  'peewee', 'psycopg', 'asyncpg', 'pymysql', 'pymssql', 'pyodbc', 'cx_Oracle', 'oracledb', 'redis',
  'pymongo', 'motor', 'elasticsearch', 'neo4j', 'influxdb_client', 'clickhouse_driver', 'clickhouse_connect',
  'pika', 'celery', 'kombu', 'confluent_kafka', 'boto3', 'botocore', 's3fs', 'aiobotocore', 'gcsfs',
  'adlfs', 'fsspec', 'smart_open', 'minio', 'kubernetes', 'docker', 'paramiko', 'fabric', 'pexpect', 'sh',
  'psutil', 'mlflow', 'wandb', 'comet_ml', 'neptune', 'clearml', 'optuna', 'hyperopt', 'shap', 'lime',
  'dask', 'distributed', 'ray', 'numba', 'llvmlite', 'joblib', 'tqdm', 'networkx', 'igraph', 'sympy',
  'cvxpy', 'pulp', 'ortools', 'pyomo', 'gurobipy', 'shapely', 'geopandas', 'fiona', 'pyproj', 'rasterio',
  'cartopy', 'folium', 'geopy', 'h3', 'haversine', 'prophet', 'pmdarima', 'sktime', 'tsfresh', 'arch',
  'lifelines', 'pymc', 'arviz', 'emcee', 'astropy', 'rdkit', 'pysam', 'category_encoders', 'featuretools',
  'mlxtend', 'yellowbrick', 'missingno', 'sweetviz', 'great_expectations', 'pandera', 'ydata_profiling',
  'kfp', 'elyra', 'cryptography', 'bcrypt', 'passlib', 'rsa', 'ecdsa', 'pyotp', 'keyring', 'PyQt5',
  'PyQt6', 'PySide2', 'PySide6', 'kivy', 'pyautogui', 'pynput', 'keyboard', 'pyperclip', 'six',
  'packaging', 'setuptools', 'wheel', 'pip', 'attrs', 'cattrs', 'typing_extensions', 'importlib_metadata',
  'importlib_resources', 'Cython', 'cffi', 'pybind11', 'numexpr', 'bottleneck', 'memory_profiler',
  'line_profiler', 'sentry_sdk', 'prometheus_client', 'email_validator', 'phonenumbers', 'pycountry',
  'unidecode', 'yt_dlp', 'pyaudio', 'sounddevice', 'soundfile', 'librosa', 'pydub', 'moviepy', 'pygame',
  'pyglet', 'glfw', 'vtk', 'open3d', 'trimesh', 'pyvista', 'gym', 'gymnasium', 'stable_baselines3', 'mujoco',
  'pybullet', 'GPUtil', 'imagehash', 'exifread', 'eyed3', 'wand', 'face_recognition', 'mediapipe', 'dlib',
  'zstandard', 'lz4', 'brotli', 'markdown', 'mistune', 'bleach', 'pygments', 'docutils', 'sphinx',
  'nose', 'coverage', 'tenacity', 'backoff', 'cachetools', 'diskcache', 'filelock', 'watchdog', 'schedule',
  'apscheduler', 'boltons', 'toolz', 'cytoolz', 'more_itertools', 'sortedcontainers', 'bidict',
  'avro', 'fastavro', 'thrift', 'websockets', 'uvloop', 'gevent', 'greenlet', 'eventlet',
  'pyspark', 'findspark', 'modin', 'vaex',
];

interface ExplicitEntry {
  distribution: string;
  note: string | null;
}

const explicitByPath = new Map<string, ExplicitEntry>(
  EXPLICIT.map(([path, distribution, note]) => [path, { distribution, note: note ?? null }]),
);
const sameName = new Set(SAME_NAME.map((name) => normalizeName(name)));
const noteByDistribution = new Map<string, string>(
  EXPLICIT.flatMap(([, distribution, note]) => (note === undefined ? [] : [[normalizeName(distribution), note] as const])),
);

/** The caveat we know for a distribution, however it was named (import or `%pip install`). */
export function distributionNote(distribution: string): string | null {
  return noteByDistribution.get(normalizeName(distribution)) ?? null;
}

/** PEP 503: runs of `-`, `_`, `.` become one `-`, lower case. */
export function normalizeName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

export function guessDistribution(resolutionPath: string): DistributionGuess {
  const parts = resolutionPath.split('.');
  const explicit = explicitMatch(parts);
  const pattern = namespaceConvention(parts);
  // Longest match wins across both layers: `llama_index.llms.openai` follows the family's
  // convention even though `llama_index` alone has an entry. On a tie the entry wins.
  if (explicit !== null && (pattern === null || segments(explicit) >= segments(pattern))) return explicit;
  if (pattern !== null) return pattern;
  const top = parts[0] ?? resolutionPath;
  return { distribution: top, kind: 'identity', known: sameName.has(normalizeName(top)), importName: top, note: null };
}

function explicitMatch(parts: readonly string[]): DistributionGuess | null {
  for (let length = parts.length; length > 0; length--) {
    const prefix = parts.slice(0, length).join('.');
    const entry = explicitByPath.get(prefix);
    if (entry !== undefined) {
      return { distribution: entry.distribution, kind: 'mapping', known: true, importName: prefix, note: entry.note };
    }
  }
  return null;
}

function segments(guess: DistributionGuess): number {
  return guess.importName.split('.').length;
}

// Azure namespaces whose distributions take the next segment too (azure.storage.blob → azure-storage-blob).
const AZURE_THREE_PART = new Set(['storage', 'mgmt', 'keyvault', 'ai', 'data', 'monitor', 'search', 'messaging']);

function namespaceConvention(parts: readonly string[]): DistributionGuess | null {
  const [first, second, third] = parts;
  const dashed = (...names: string[]): string => names.map((name) => name.replace(/_/g, '-')).join('-');
  const guess = (distribution: string, length: number): DistributionGuess => ({
    distribution,
    kind: 'pattern',
    known: false,
    importName: parts.slice(0, length).join('.'),
    note: null,
  });
  if (first === 'google' && second === 'cloud' && third !== undefined) {
    // Versioned API modules (`pubsub_v1`, `tasks_v2beta3`) ship in the unversioned distribution.
    return guess(`google-cloud-${dashed(third.replace(/_v\d+(?:(?:alpha|beta|p)\d*)*$/, ''))}`, 3);
  }
  if (first === 'google' && second !== undefined && second !== 'cloud') return guess(`google-${dashed(second)}`, 2);
  if (first === 'azure' && second !== undefined) {
    return AZURE_THREE_PART.has(second) && third !== undefined
      ? guess(`azure-${dashed(second, third)}`, 3)
      : guess(`azure-${dashed(second)}`, 2);
  }
  if (first === 'llama_index' && second !== undefined && third !== undefined) {
    return guess(`llama-index-${dashed(second, third)}`, 3);
  }
  if (first === 'opentelemetry' && (second === 'instrumentation' || second === 'exporter') && third !== undefined) {
    return guess(`opentelemetry-${second}-${dashed(third)}`, 3);
  }
  if (first === 'sphinxcontrib' && second !== undefined) return guess(`sphinxcontrib-${dashed(second)}`, 2);
  if ((first === 'jaraco' || first === 'zope' || first === 'backports') && second !== undefined) {
    return guess(`${first}.${second}`, 2);
  }
  if (first !== undefined && /^flask_\w+$/.test(first)) return guess(dashed(first), 1);
  return null;
}
