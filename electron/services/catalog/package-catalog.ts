/** The packages data scientists reach for most, offered before any typing. Offline by design. */
export interface CatalogPackage {
  name: string;
  description: string;
  /** What it is usually imported as, when that differs from its name. */
  importName?: string;
  topic: 'data' | 'science' | 'plots' | 'ml' | 'deep learning' | 'io' | 'web';
}

export const PACKAGE_CATALOG: readonly CatalogPackage[] = [
  { name: 'pandas', description: 'Data frames: load, clean, join and summarize tables.', topic: 'data' },
  { name: 'numpy', description: 'Arrays and fast numerical computing.', topic: 'data' },
  { name: 'polars', description: 'Fast data frames with a lazy query engine.', topic: 'data' },
  { name: 'pyarrow', description: 'Apache Arrow and Parquet files.', topic: 'io' },
  { name: 'scipy', description: 'Statistics, optimization, signal processing, linear algebra.', topic: 'science' },
  { name: 'statsmodels', description: 'Statistical models, tests and time series.', topic: 'science' },
  { name: 'scikit-learn', description: 'Classic machine learning: classification, regression, clustering.', importName: 'sklearn', topic: 'ml' },
  { name: 'xgboost', description: 'Gradient-boosted trees.', topic: 'ml' },
  { name: 'lightgbm', description: 'Fast gradient boosting from Microsoft.', topic: 'ml' },
  { name: 'catboost', description: 'Gradient boosting with categorical features.', topic: 'ml' },
  { name: 'torch', description: 'PyTorch deep learning.', topic: 'deep learning' },
  { name: 'torchvision', description: 'Image datasets, models and transforms for PyTorch.', topic: 'deep learning' },
  { name: 'tensorflow', description: 'TensorFlow deep learning.', topic: 'deep learning' },
  { name: 'keras', description: 'High-level deep learning API.', topic: 'deep learning' },
  { name: 'transformers', description: 'Pretrained language and vision models from Hugging Face.', topic: 'deep learning' },
  { name: 'datasets', description: 'Hugging Face datasets.', topic: 'deep learning' },
  { name: 'matplotlib', description: 'The standard plotting library.', topic: 'plots' },
  { name: 'seaborn', description: 'Statistical plots on top of matplotlib.', topic: 'plots' },
  { name: 'plotly', description: 'Interactive charts.', topic: 'plots' },
  { name: 'requests', description: 'HTTP for humans.', topic: 'web' },
  { name: 'httpx', description: 'HTTP client with async support.', topic: 'web' },
  { name: 'sqlalchemy', description: 'SQL toolkit and ORM for every database.', topic: 'io' },
  { name: 'psycopg2-binary', description: 'PostgreSQL driver.', importName: 'psycopg2', topic: 'io' },
  { name: 'boto3', description: 'Amazon Web Services SDK (S3 and more).', topic: 'io' },
  { name: 'openpyxl', description: 'Read and write Excel files.', topic: 'io' },
  { name: 'pyyaml', description: 'YAML files.', importName: 'yaml', topic: 'io' },
  { name: 'beautifulsoup4', description: 'Parse HTML and XML.', importName: 'bs4', topic: 'web' },
  { name: 'nltk', description: 'Natural language toolkit.', topic: 'ml' },
  { name: 'spacy', description: 'Industrial-strength natural language processing.', topic: 'ml' },
  { name: 'opencv-python-headless', description: 'Computer vision (OpenCV) without GUI libraries: right for containers.', importName: 'cv2', topic: 'ml' },
  { name: 'pillow', description: 'Open, edit and save images.', importName: 'PIL', topic: 'io' },
  { name: 'tqdm', description: 'Progress bars for loops.', topic: 'data' },
  { name: 'mlflow', description: 'Track experiments and models.', topic: 'ml' },
];
