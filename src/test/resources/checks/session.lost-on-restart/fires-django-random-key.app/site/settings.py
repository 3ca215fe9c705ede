from django.core.management.utils import get_random_secret_key

# expect: session.lost-on-restart
SECRET_KEY = get_random_secret_key()
INSTALLED_APPS = ["django.contrib.sessions"]
ROOT_URLCONF = "site.urls"
